/*
 * The walk decides where the script ends and the extra path begins, using
 * only descriptors: nothing is looked up by a path a client could swap
 * (security.md A10, A11; spec D3).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fail.h"
#include "script.h"
#include "scriptfs.h"

enum reason scriptfs_base_path(struct state *st)
{
	const char *home = st->target.home;
	size_t hl = strlen(home), cl = strlen(st->policy->cgi_dir);

	while (hl > 1 && home[hl - 1] == '/')
		hl--;
	if (hl + 1 + cl >= sizeof(st->base_dir))
		return R_INTERNAL;
	memcpy(st->base_dir, home, hl);
	st->base_dir[hl] = '/';
	memcpy(st->base_dir + hl + 1, st->policy->cgi_dir, cl + 1);
	return R_NONE;
}

static int open_base(struct state *st)
{
	struct stat sb;
	enum reason r;
	int fd;

	/* Symlinks in the base path are the admin's and the user's layout. */
	fd = open(st->base_dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &sb) != 0)
		fail(st, R_NO_CGI_DIR, "base=%s: %m", st->base_dir);
	r = script_check_dir(&sb, (struct span){ st->base_dir, 0 }, true,
			     &st->target, st->policy);
	if (r != R_NONE)
		fail(st, r, "base=%s", st->base_dir);
	return fd;
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

/* Descend into the directory comp below dirfd; returns its descriptor. */
static int enter_dir(struct state *st, int dirfd, const char *name,
		     struct span comp)
{
	struct stat sb;
	enum reason r;
	int fd = openat(dirfd, name, O_PATH | O_DIRECTORY | O_NOFOLLOW |
					 O_CLOEXEC);

	/* Swapped for a symlink or a file since the lookup: refuse. */
	if (fd < 0 && (errno == ELOOP || errno == ENOTDIR))
		fail(st, R_SYMLINK, "component=%s changed during the walk", name);
	if (fd < 0 || fstat(fd, &sb) != 0)
		fail(st, lookup_error(errno), "component=%s: %m", name);
	r = script_check_dir(&sb, comp, false, &st->target, st->policy);
	if (r != R_NONE)
		fail(st, r, "directory=%s", name);
	return fd;
}

/* The final file, checked on a descriptor of its own (never read). */
static void take_file(struct state *st, int dirfd, const char *name)
{
	enum reason r;
	int fd = openat(dirfd, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);

	if (fd < 0 || fstat(fd, &st->script_st) != 0)
		fail(st, lookup_error(errno), "script=%s: %m", name);
	close(fd);
	r = script_check_file(&st->script_st, false, &st->target, st->policy);
	if (r != R_NONE)
		fail(st, r, "script=%s mode=%04o uid=%lu gid=%lu", name,
		     (unsigned int)(st->script_st.st_mode & 07777),
		     (unsigned long)st->script_st.st_uid,
		     (unsigned long)st->script_st.st_gid);
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
static void record_split(struct state *st, size_t end, int dirfd)
{
	const struct span *c = &st->candidate;
	const char *slash;

	st->rel_script = dup_span(st, c->p, end);
	st->extra = dup_span(st, c->p + end, c->len - end);
	slash = strrchr(st->rel_script, '/');
	st->script_name = slash != NULL ? slash + 1 : st->rel_script;
	st->dir_fd = dirfd;
}

/* One step of the walk; returns true when the script was found. */
static bool walk_step(struct state *st, int *dirfd, struct span comp,
		      size_t end)
{
	char name[NAME_MAX + 1];
	struct stat sb;
	int fd;

	fail_unless_ok(st, script_check_name(comp, st->policy), "bad component");
	if (comp.len > NAME_MAX)
		fail(st, R_SCRIPT_NOT_FOUND, "component longer than NAME_MAX");
	memcpy(name, comp.p, comp.len);
	name[comp.len] = '\0';
	if (fstatat(*dirfd, name, &sb, AT_SYMLINK_NOFOLLOW) != 0)
		fail(st, lookup_error(errno), "component=%s: %m", name);
	if (S_ISLNK(sb.st_mode))
		fail(st, R_SYMLINK, "component=%s", name);
	if (S_ISREG(sb.st_mode)) {
		take_file(st, *dirfd, name);
		record_split(st, end, *dirfd);
		trace_add(&st->trace, "walk: file %s ok", name);
		return true;
	}
	if (!S_ISDIR(sb.st_mode))
		fail(st, R_NOT_REGULAR_FILE, "component=%s", name);
	fd = enter_dir(st, *dirfd, name, comp);
	trace_add(&st->trace, "walk: directory %s ok", name);
	close(*dirfd);
	*dirfd = fd;
	return false;
}

void scriptfs_walk(struct state *st)
{
	const struct span *c = &st->candidate;
	struct span comp;
	size_t pos = 0;
	int dirfd = open_base(st);

	trace_add(&st->trace, "base directory: %s ok", st->base_dir);
	while (script_next_component(c->p, c->len, &pos, &comp)) {
		size_t end = (size_t)(comp.p - c->p) + comp.len;

		if (walk_step(st, &dirfd, comp, end))
			return;
	}
	/* Ran out of components on a directory (one trailing '/' ignored). */
	fail(st, R_NOT_REGULAR_FILE, "the path ends on a directory");
}
