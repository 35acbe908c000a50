/*
 * The walk decides where the script ends and the extra path begins, using
 * only descriptors: nothing is looked up by a path a client could swap
 * (security.md A10, A11; spec D3).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "cfgfile.h"
#include "fail.h"
#include "rewrite.h"
#include "script.h"
#include "scriptfs.h"

/* The user's line of the rewrite file, read on the host (spec 7.4). */
static enum reason rewritten_base(struct state *st, bool *found)
{
	static char text[CFGFILE_MAX];
	size_t len, bad_line = 0;
	bool exists;
	enum reason r;

	*found = false;
	r = cfgfile_read(st->policy->rewrite_file, text, sizeof(text), &len,
			 &exists);
	if (r != R_NONE || !exists)
		fail(st, r != R_NONE ? r : R_CONFIG_UNREADABLE, "file=%s",
		     st->policy->rewrite_file);
	r = rewrite_lookup(text, len, st->target.name, st->base_dir,
			   sizeof(st->base_dir), found, &bad_line);
	if (r == R_CONFIG_MALFORMED)
		fail(st, r, "file=%s line=%zu", st->policy->rewrite_file,
		     bad_line);
	return r;
}

enum reason scriptfs_base_path(struct state *st)
{
	const char *home = st->target.home;
	bool found = false;
	enum reason r;
	size_t hl = strlen(home), cl = strlen(st->policy->cgi_dir);

	/* A relative home would resolve against whatever our cwd is. */
	if (home[0] != '/')
		return R_NO_CGI_DIR;
	if (st->policy->rewrite_file != NULL) {
		r = rewritten_base(st, &found);
		if (r != R_NONE || found)
			return r;
	}
	while (hl > 1 && home[hl - 1] == '/')
		hl--;
	if (hl + 1 + cl >= sizeof(st->base_dir))
		return R_INTERNAL;
	memcpy(st->base_dir, home, hl);
	st->base_dir[hl] = '/';
	memcpy(st->base_dir + hl + 1, st->policy->cgi_dir, cl + 1);
	return R_NONE;
}

/* One walk from one top directory; refusals are kept, not yet reported. */
struct walk {
	bool opened;		/* the top directory could be used */
	bool shared;		/* the multiuser tree */
	enum reason r;		/* R_NONE: a script was found and checked */
	size_t matched;		/* components that existed, even if refused */
	int dirfd;		/* directory holding the script */
	size_t end;		/* end of the script in the candidate */
	struct stat sb;		/* the script */
	char detail[TARGET_MAX_PATH + 256];
};

static bool refuse(struct walk *w, enum reason r, const char *what,
		   const char *name, int err)
{
	w->r = r;
	/* A detail cut short still goes to the log: the refusal stands. */
	if (snprintf(w->detail, sizeof(w->detail), "%s=%s%s%s", what, name,
		 err ? ": " : "", err ? strerror(err) : "") < 0)
		w->detail[0] = '\0';
	return false;
}

static enum reason lookup_error(int err)
{
	switch (err) {
	case ENOENT:
	case ENAMETOOLONG:
		return R_SCRIPT_NOT_FOUND;
	case EACCES:
		return R_PERMISSION_DENIED;
	default:
		return R_INTERNAL;
	}
}

/* The top directory: symlinks in its path are the admin's and user's layout. */
static bool open_top(struct state *st, const char *top, struct walk *w)
{
	struct stat sb;
	enum reason r;

	w->dirfd = open(top, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (w->dirfd < 0 || fstat(w->dirfd, &sb) != 0)
		return refuse(w, R_NO_CGI_DIR, "base", top, errno);
	w->opened = true;
	r = script_check_dir(&sb, (struct span){ top, 0 }, true, &st->target,
			     st->policy);
	return r == R_NONE || refuse(w, r, "base", top, 0);
}

/* Descend into the directory name below w->dirfd. */
static bool enter_dir(struct state *st, struct walk *w, const char *name,
		      struct span comp)
{
	struct stat sb;
	enum reason r;
	int fd = openat(w->dirfd, name, O_PATH | O_DIRECTORY | O_NOFOLLOW |
					    O_CLOEXEC);

	/* Swapped for a symlink or a file since the lookup: refuse. */
	if (fd < 0 && (errno == ELOOP || errno == ENOTDIR))
		return refuse(w, R_SYMLINK, "changed", name, 0);
	if (fd < 0 || fstat(fd, &sb) != 0)
		return refuse(w, lookup_error(errno), "component", name, errno);
	close(w->dirfd);
	w->dirfd = fd;
	r = script_check_dir(&sb, comp, false, &st->target, st->policy);
	return r == R_NONE || refuse(w, r, "directory", name, 0);
}

/* The final file, checked on a descriptor of its own (never read). */
static bool take_file(struct state *st, struct walk *w, const char *name)
{
	int fd = openat(w->dirfd, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
	bool interpreted;
	enum reason r;

	if (fd < 0 || fstat(fd, &w->sb) != 0)
		return refuse(w, lookup_error(errno), "script", name, errno);
	close(fd);
	interpreted = script_interpreter(name, st->php_mode, w->sb.st_mode,
					 st->policy) != INTERP_NONE;
	r = w->shared ? script_check_shared_file(&w->sb, interpreted,
						  &st->target, st->policy)
		      : script_check_file(&w->sb, interpreted, &st->target,
					  st->policy);
	w->r = r;
	return r == R_NONE || refuse(w, r, "script", name, 0);
}

/* One component; false ends the walk (found, refused, or out of path). */
static bool walk_step(struct state *st, struct walk *w, struct span comp)
{
	char name[NAME_MAX + 1];
	struct stat sb;
	enum reason r = script_check_name(comp, st->policy);

	if (r != R_NONE)
		return refuse(w, r, "component", "(refused before lookup)", 0);
	if (comp.len > NAME_MAX)
		return refuse(w, R_SCRIPT_NOT_FOUND, "component",
			      "(longer than NAME_MAX)", 0);
	memcpy(name, comp.p, comp.len);
	name[comp.len] = '\0';
	if (fstatat(w->dirfd, name, &sb, AT_SYMLINK_NOFOLLOW) != 0)
		return refuse(w, lookup_error(errno), "component", name, errno);
	w->matched++;
	if (S_ISLNK(sb.st_mode))
		return refuse(w, R_SYMLINK, "component", name, 0);
	if (S_ISREG(sb.st_mode)) {
		w->end = (size_t)(comp.p - st->candidate.p) + comp.len;
		take_file(st, w, name);
		return false;
	}
	if (!S_ISDIR(sb.st_mode))
		return refuse(w, R_NOT_REGULAR_FILE, "component", name, 0);
	return enter_dir(st, w, name, comp);
}

static void walk_from(struct state *st, const char *top, struct walk *w)
{
	const struct span *c = &st->candidate;
	struct span comp;
	size_t pos = 0;

	w->r = R_NOT_REGULAR_FILE;	/* running out of path on a directory */
	memcpy(w->detail, "the path ends on a directory",
	       sizeof("the path ends on a directory"));
	if (!open_top(st, top, w))
		return;
	while (script_next_component(c->p, c->len, &pos, &comp))
		if (!walk_step(st, w, comp))
			return;
}

/*
 * D15: the user's data should reach the jail on a nosuid,nodev mount.
 * Checked on the descriptor the walk uses, not on a path.
 */
static void check_mount(struct state *st, int dirfd)
{
	static const char *const warn[4] = {
		NULL, "mount-no-nosuid", "mount-no-nodev",
		"mount-no-nosuid,mount-no-nodev",
	};
	struct statvfs sv;
	unsigned int missing;

	if (st->policy->chroot == NULL || dirfd < 0)
		return;
	if (fstatvfs(dirfd, &sv) != 0)
		fail(st, R_INTERNAL, "fstatvfs: %m");
	missing = ((sv.f_flag & ST_NOSUID) ? 0u : 1u) |
		  ((sv.f_flag & ST_NODEV) ? 0u : 2u);
	st->warn = warn[missing];
	if (missing != 0 && st->policy->chroot_require_mounts)
		fail(st, R_UNSAFE_JAIL_MOUNT, NULL);
}

static char *dup_span(struct state *st, const char *p, size_t n)
{
	char *s = malloc(n + 1);

	if (s == NULL)
		fail(st, R_INTERNAL, "out of memory");
	memcpy(s, p, n);
	s[n] = '\0';
	return s;
}

/* rel = candidate up to the end of the script; extra = the rest, verbatim. */
static void take_result(struct state *st, struct walk *w, const char *top)
{
	const struct span *c = &st->candidate;
	const char *slash;

	if (w->r != R_NONE)
		fail(st, w->r, "%s", w->detail);
	st->rel_script = dup_span(st, c->p, w->end);
	st->extra = dup_span(st, c->p + w->end, c->len - w->end);
	slash = strrchr(st->rel_script, '/');
	st->script_name = slash != NULL ? slash + 1 : st->rel_script;
	st->dir_fd = w->dirfd;
	st->script_st = w->sb;
	/* The mount that holds the directory the script runs from (D15). */
	check_mount(st, w->dirfd);
	st->shared = w->shared;
	st->interp = script_interpreter_path(
		script_interpreter(st->script_name, st->php_mode,
				   w->sb.st_mode, st->policy), st->policy);
	if (top != st->base_dir) {
		if (strlen(top) >= sizeof(st->base_dir))
			fail(st, R_INTERNAL, "multiuser directory too long");
		memcpy(st->base_dir, top, strlen(top) + 1);
	}
	trace_add(&st->trace, "walk: %s in %s%s, %zu components", st->rel_script,
		  top, w->shared ? " (multiuser)" : "", w->matched);
}

void scriptfs_walk(struct state *st)
{
	struct walk own = { .dirfd = -1 }, shared = { .dirfd = -1, .shared = true };
	const char *mu = st->policy->multiuser_cgi_dir;

	walk_from(st, st->base_dir, &own);
	if (mu != NULL)
		walk_from(st, mu, &shared);
	/* The shared tree wins only by matching more of the path (4.5). */
	if (mu != NULL && shared.opened &&
	    (!own.opened || shared.matched > own.matched)) {
		if (own.dirfd >= 0)
			close(own.dirfd);
		take_result(st, &shared, mu);
		return;
	}
	if (!own.opened && (mu == NULL || !shared.opened))
		fail(st, R_NO_CGI_DIR, "%s", own.detail);
	if (shared.dirfd >= 0)
		close(shared.dirfd);
	take_result(st, &own, st->base_dir);
}
