/*
 * explain, inside the jail as the target user: the walk of scriptfs.c
 * step by step with the same deciders (script_check_name, _dir, _file),
 * then what exec would need.  Chosen over inspecting <jail><path> from the
 * host as root: only the target user's view gives the wrapper's answers
 * for permissions (a 0700 directory of another owner, EACCES), and the
 * jail's own symlinks resolve as they will for the script.
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

#include "deps.h"
#include "explain.h"
#include "jail.h"
#include "jt.h"
#include "priv.h"
#include "script.h"

#define MAX_LIBS 256

struct xwalk {
	bool opened, shared;
	enum reason r;
	size_t matched;
	int dirfd;
	char name[NAME_MAX + 1];	/* the script's last component */
	size_t end;
	struct stat sb;
};

static enum reason lookup_error(int err)
{
	return err == ENOENT || err == ENAMETOOLONG ? R_SCRIPT_NOT_FOUND
	       : err == EACCES			   ? R_PERMISSION_DENIED
						   : R_INTERNAL;
}

static bool stop(struct xwalk *w, enum reason r)
{
	w->r = r;
	return false;
}

static bool take_file(struct state *st, struct xwalk *w, const char *name)
{
	int fd = openat(w->dirfd, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
	bool interp;
	enum reason r;

	if (fd < 0 || fstat(fd, &w->sb) != 0) {
		explain_line(lookup_error(errno), "  %s: %m", name);
		return stop(w, lookup_error(errno));
	}
	close(fd);
	interp = script_interpreter(name, false, w->sb.st_mode, st->policy) !=
		 INTERP_NONE;
	r = w->shared ? script_check_shared_file(&w->sb, interp, &st->target,
						  st->policy)
		      : script_check_file(&w->sb, interp, &st->target, st->policy);
	explain_line(r, "  %s: the script (owner %lu, group %lu, mode %04o)",
		     name, (unsigned long)w->sb.st_uid,
		     (unsigned long)w->sb.st_gid,
		     (unsigned)(w->sb.st_mode & 07777));
	(void)jt_copy(w->name, sizeof(w->name), name);
	return stop(w, r);
}

static bool enter_dir(struct state *st, struct xwalk *w, const char *name,
		      struct span comp)
{
	struct stat sb;
	enum reason r;
	int fd = openat(w->dirfd, name, O_PATH | O_DIRECTORY | O_NOFOLLOW |
						O_CLOEXEC);

	if (fd < 0 || fstat(fd, &sb) != 0) {
		explain_line(lookup_error(errno), "  %s/: %m", name);
		return stop(w, lookup_error(errno));
	}
	close(w->dirfd);
	w->dirfd = fd;
	r = script_check_dir(&sb, comp, false, &st->target, st->policy);
	explain_line(r, "  %s/: directory (owner %lu, mode %04o)", name,
		     (unsigned long)sb.st_uid, (unsigned)(sb.st_mode & 07777));
	return r == R_NONE || stop(w, r);
}

static bool step(struct state *st, struct xwalk *w, struct span comp)
{
	char name[NAME_MAX + 1];
	struct stat sb;
	enum reason r = script_check_name(comp, st->policy);

	if (r != R_NONE || comp.len > NAME_MAX) {
		r = r != R_NONE ? r : R_SCRIPT_NOT_FOUND;
		explain_line(r, "  component \"%.*s\" (refused before any lookup)",
			     (int)(comp.len > 200 ? 200 : comp.len), comp.p);
		return stop(w, r);
	}
	memcpy(name, comp.p, comp.len);
	name[comp.len] = '\0';
	if (fstatat(w->dirfd, name, &sb, AT_SYMLINK_NOFOLLOW) != 0) {
		explain_line(lookup_error(errno), "  %s: %m", name);
		return stop(w, lookup_error(errno));
	}
	w->matched++;
	r = S_ISLNK(sb.st_mode) ? R_SYMLINK
	    : S_ISREG(sb.st_mode) || S_ISDIR(sb.st_mode) ? R_NONE
							   : R_NOT_REGULAR_FILE;
	if (r != R_NONE) {
		explain_line(r, "  %s", name);
		return stop(w, r);
	}
	if (S_ISREG(sb.st_mode)) {
		w->end = (size_t)(comp.p - st->candidate.p) + comp.len;
		return take_file(st, w, name);
	}
	return enter_dir(st, w, name, comp);
}

static void walk_from(struct state *st, const char *top, struct xwalk *w)
{
	struct span comp;
	struct stat sb;
	size_t pos = 0;
	enum reason r;

	w->r = R_NOT_REGULAR_FILE;	/* running out of path on a directory */
	w->dirfd = open(top, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (w->dirfd < 0 || fstat(w->dirfd, &sb) != 0) {
		w->r = R_NO_CGI_DIR;
		explain_line(R_NO_CGI_DIR, "base directory %s: %m", top);
		return;
	}
	w->opened = true;
	r = script_check_dir(&sb, (struct span){ top, 0 }, true, &st->target,
			     st->policy);
	explain_line(r, "base directory %s (owner %lu, mode %04o)", top,
		     (unsigned long)sb.st_uid, (unsigned)(sb.st_mode & 07777));
	if (r != R_NONE) {
		w->r = r;
		return;
	}
	while (script_next_component(st->candidate.p, st->candidate.len, &pos,
				     &comp))
		if (!step(st, w, comp))
			return;
	explain_line(w->r, "  the path ends on a directory");
}

/* D15 on the base directory's mount, as scriptfs.c's check_mount. */
static enum reason check_mount(const struct state *st, int dirfd)
{
	struct statvfs sv;
	bool nosuid, nodev;

	if (dirfd < 0 || fstatvfs(dirfd, &sv) != 0)
		return R_NONE;
	nosuid = (sv.f_flag & ST_NOSUID) != 0;
	nodev = (sv.f_flag & ST_NODEV) != 0;
	if (nosuid && nodev) {
		explain_line(R_NONE, "the cgi directory is on a nosuid,nodev mount");
		return R_NONE;
	}
	if (st->policy->chroot_require_mounts) {
		explain_line(R_UNSAFE_JAIL_MOUNT, "the cgi directory's mount "
			     "lacks nosuid or nodev");
		return R_UNSAFE_JAIL_MOUNT;
	}
	explain_info("the log line will carry warn=%s%s%s", nosuid ? "" :
		     "mount-no-nosuid", !nosuid && !nodev ? "," : "",
		     nodev ? "" : "mount-no-nodev");
	return R_NONE;
}

/* scriptfs_walk's choice between the user's tree and the multiuser one. */
static struct xwalk *walk_all(struct state *st)
{
	static struct xwalk own = { .dirfd = -1 };
	static struct xwalk shared = { .dirfd = -1, .shared = true };
	const char *mu = st->policy->multiuser_cgi_dir;

	explain_info("walk as uid %lu inside the jail:",
		     (unsigned long)st->target.uid);
	walk_from(st, st->base_dir, &own);
	if (own.opened && check_mount(st, own.dirfd) != R_NONE) {
		own.r = R_UNSAFE_JAIL_MOUNT;
		return &own;
	}
	if (mu != NULL) {
		explain_info("walk in the multiuser directory:");
		walk_from(st, mu, &shared);
	}
	if (mu != NULL && shared.opened &&
	    (!own.opened || shared.matched > own.matched))
		return &shared;
	if (!own.opened && (mu == NULL || !shared.opened))
		own.r = R_NO_CGI_DIR;
	return &own;
}

void explain_in_jail(struct state *st)
{
	const struct xwalk *w;
	enum reason r = jail_enter(st);

	if (r == R_NONE)
		r = priv_drop(&st->target, false);
	explain_line(r, "chroot to the jail, become uid %lu gid %lu",
		     (unsigned long)st->target.uid, (unsigned long)st->target.gid);
	if (r != R_NONE) {
		fflush(stdout);
		exit(reason_exit_code(r));
	}
	w = walk_all(st);
	if (w->r != R_NONE) {
		fflush(stdout);
		exit(reason_exit_code(w->r));
	}
	explain_info("script %.*s, extra path info \"%.*s\"", (int)w->end,
		     st->candidate.p, (int)(st->candidate.len - w->end),
		     st->candidate.p + w->end);
	explain_program(st, w->dirfd, w->name, &w->sb);
}
