/*
 * The jail mirrors host paths.  Everything is created below the jail's
 * descriptor one component at a time with O_NOFOLLOW: a symlink inside the
 * jail (even one the tool made) is never followed on the host, so nothing
 * is ever written outside the jail.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mirror.h"

#define MAX_RESTARTS 64
#define MAX_DEPTH 48

/* Files, symlinks and directories created or replaced in the jail. */
static unsigned long changes;

unsigned long mirror_changes(void)
{
	return changes;
}

struct mwalk {
	char cur[PATH_MAX];	/* what is left to walk, absolute */
	char host[PATH_MAX];	/* the host prefix walked so far ("" = "/") */
	int jdir;		/* the jail directory matching host */
	int restarts;
	bool create_missing;	/* mirror_dir: host need not have it */
};

static bool copy_data(int in, int out)
{
	char buf[65536];
	ssize_t n;

	while ((n = read(in, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return false;
		for (ssize_t done = 0; done < n;) {
			ssize_t w = write(out, buf + done, (size_t)(n - done));

			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				return false;
			done += w;
		}
	}
	return true;
}

static bool same_file(int jdir, const char *name, const struct stat *h)
{
	struct stat j;
	mode_t want = h->st_mode & 0755;

	return fstatat(jdir, name, &j, AT_SYMLINK_NOFOLLOW) == 0 &&
	       S_ISREG(j.st_mode) && j.st_size == h->st_size &&
	       j.st_mtim.tv_sec == h->st_mtim.tv_sec &&
	       j.st_mtim.tv_nsec == h->st_mtim.tv_nsec &&
	       (j.st_mode & 07777) == want && j.st_uid == 0;
}

static bool write_copy(int in, int jdir, const char *tmp, const struct stat *h)
{
	struct timespec ts[2] = { h->st_atim, h->st_mtim };
	int out = openat(jdir, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
					    O_CLOEXEC, 0600);
	bool ok;

	if (out < 0)
		return false;
	/* No setuid, setgid or group/other write in the jail (A22). */
	ok = copy_data(in, out) && fchown(out, 0, 0) == 0 &&
	     fchmod(out, h->st_mode & 0755) == 0 && futimens(out, ts) == 0;
	return close(out) == 0 && ok;
}

/* The regular file host at the name in jdir, replaced atomically. */
static bool copy_file(const char *host, int jdir, const char *name)
{
	char tmp[64];
	struct stat h;
	int in = open(host, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	bool ok;

	if (in < 0 || fstat(in, &h) != 0) {
		if (in >= 0)
			close(in);
		return jt_error("%s: %m", host);
	}
	if (same_file(jdir, name, &h)) {
		close(in);
		return true;
	}
	snprintf(tmp, sizeof(tmp), ".cgiwrap-jail.%ld", (long)getpid());
	(void)unlinkat(jdir, tmp, 0);
	ok = write_copy(in, jdir, tmp, &h) && renameat(jdir, tmp, jdir, name) == 0;
	close(in);
	if (!ok) {
		(void)unlinkat(jdir, tmp, 0);
		return jt_error("copying %s into the jail: %m", host);
	}
	changes++;
	if (h.st_mode & (S_ISUID | S_ISGID))
		jt_say("note: %s copied without its setuid/setgid bit", host);
	return true;
}

static bool make_link(int jdir, const char *name, const char *target,
		      const char *host)
{
	char have[PATH_MAX];
	struct stat sb;
	ssize_t n = readlinkat(jdir, name, have, sizeof(have) - 1);

	if (n >= 0) {
		have[n] = '\0';
		if (strcmp(have, target) == 0)
			return true;
	}
	if (fstatat(jdir, name, &sb, AT_SYMLINK_NOFOLLOW) == 0) {
		if (S_ISDIR(sb.st_mode))
			return jt_error("%s is a symlink on the host but a "
					"directory in the jail", host);
		if (unlinkat(jdir, name, 0) != 0)
			return jt_error("replacing %s in the jail: %m", host);
	}
	if (symlinkat(target, jdir, name) != 0)
		return jt_error("symlink %s in the jail: %m", host);
	changes++;
	return true;
}

static int fail_fd(const char *what, const char *doing)
{
	jt_error("%s: %s: %m", what, doing);
	return -1;
}

enum step { STEP_NEXT, STEP_RESTART, STEP_DONE, STEP_FAIL };

/* what NULL: the errno text. */
static enum step step_fail(const char *path, const char *what)
{
	if (what == NULL)
		jt_error("%s: %m", path);
	else
		jt_error("%s: %s", path, what);
	return STEP_FAIL;
}

static int make_dir(int jdir, const char *name, mode_t mode, const char *host)
{
	int fd;

	if (mkdirat(jdir, name, mode & 0755) == 0) {
		changes++;
		/* mkdir applies the umask: set the mode it should have. */
		if (fchownat(jdir, name, 0, 0, AT_SYMLINK_NOFOLLOW) != 0 ||
		    fchmodat(jdir, name, mode & 0755, 0) != 0)
			return fail_fd(host, "chown/chmod in the jail");
	} else if (errno != EEXIST) {
		return fail_fd(host, "mkdir in the jail");
	}
	fd = openat(jdir, name, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		jt_error("%s: a directory on the host, not in the jail: %m", host);
	return fd;
}

static bool restart_with(struct mwalk *w, const char *head, const char *rest)
{
	char next[PATH_MAX];

	if (++w->restarts > MAX_RESTARTS)
		return jt_error("%s: too many symlinks", w->cur);
	if (snprintf(next, sizeof(next), "%s/%s", head, rest) >= (int)sizeof(next))
		return jt_error("%s: path too long", w->cur);
	memcpy(w->cur, next, sizeof(next));
	return true;
}

/* A symlink on the host: the same link in the jail, then walk its target. */
static bool take_link(struct mwalk *w, const char *hp, const char *name,
		      const char *rest)
{
	char target[PATH_MAX], head[PATH_MAX];
	ssize_t n = readlink(hp, target, sizeof(target) - 1);

	if (n < 0)
		return jt_error("%s: %m", hp);
	target[n] = '\0';
	if (!make_link(w->jdir, name, target, hp))
		return false;
	if (target[0] == '/')
		return restart_with(w, target, rest);
	if (snprintf(head, sizeof(head), "%s/%s", w->host, target) >= (int)sizeof(head))
		return jt_error("%s: path too long", hp);
	return restart_with(w, head, rest);
}

static enum step dir_step(struct mwalk *w, const char *hp, const char *name,
			  mode_t mode)
{
	int fd = make_dir(w->jdir, name, mode, hp);

	if (fd < 0)
		return STEP_FAIL;
	close(w->jdir);
	w->jdir = fd;
	memcpy(w->host, hp, strlen(hp) + 1);
	return STEP_NEXT;
}

/* One component name of w->cur, with rest the path after it. */
static enum step walk_one(struct mwalk *w, const char *name, const char *rest)
{
	char hp[PATH_MAX];
	struct stat sb;
	bool last = rest[strspn(rest, "/")] == '\0';

	if (strcmp(name, "..") == 0) {
		char *slash = strrchr(w->host, '/');

		if (slash != NULL)
			*slash = '\0';
		return restart_with(w, w->host, rest) ? STEP_RESTART : STEP_FAIL;
	}
	if (snprintf(hp, sizeof(hp), "%s/%s", w->host, name) >= (int)sizeof(hp))
		return step_fail(w->cur, "path too long");
	if (lstat(hp, &sb) != 0) {
		if (errno == ENOENT && w->create_missing)
			return dir_step(w, hp, name, 0755);
		return step_fail(hp, NULL);
	}
	if (S_ISLNK(sb.st_mode))
		return take_link(w, hp, name, rest) ? STEP_RESTART : STEP_FAIL;
	if (S_ISDIR(sb.st_mode))
		return dir_step(w, hp, name, sb.st_mode);
	if (last && S_ISREG(sb.st_mode) && !w->create_missing) {
		memcpy(w->host, hp, strlen(hp) + 1);
		return copy_file(hp, w->jdir, name) ? STEP_DONE : STEP_FAIL;
	}
	return step_fail(hp, "not a directory or regular file");
}

/* Walk w->cur from the jail's top; true when it reached the end. */
static bool walk_path(struct jt *jt, struct mwalk *w)
{
	for (;;) {
		const char *p = w->cur;
		enum step s = STEP_NEXT;

		w->host[0] = '\0';
		if (w->jdir >= 0)
			close(w->jdir);
		w->jdir = openat(jt->jail_fd, ".", O_PATH | O_DIRECTORY | O_CLOEXEC);
		while (w->jdir >= 0 && s == STEP_NEXT) {
			char name[NAME_MAX + 1];
			size_t n;

			p += strspn(p, "/");
			if (*p == '\0')
				return true;
			n = strcspn(p, "/");
			if (n > NAME_MAX)
				return jt_error("%s: name too long", w->cur);
			memcpy(name, p, n);
			name[n] = '\0';
			p += n;
			if (strcmp(name, ".") != 0)
				s = walk_one(w, name, p);
		}
		if (s != STEP_RESTART)
			return s == STEP_DONE;
	}
}

bool mirror_path(struct jt *jt, const char *path, char *final, size_t cap)
{
	struct mwalk w = { .jdir = -1 };
	bool ok;

	if (path[0] != '/' || !jt_copy(w.cur, sizeof(w.cur), path))
		return jt_error("%s: not an absolute path", path);
	ok = walk_path(jt, &w);
	if (w.jdir >= 0)
		close(w.jdir);
	if (ok && final != NULL)
		ok = jt_copy(final, cap, w.host[0] ? w.host : "/");
	return ok;
}

int mirror_dir(struct jt *jt, const char *path)
{
	struct mwalk w = { .jdir = -1, .create_missing = true };

	if (path[0] != '/' || !jt_copy(w.cur, sizeof(w.cur), path))
		return fail_fd(path, "not an absolute path");
	if (walk_path(jt, &w))
		return w.jdir;
	if (w.jdir >= 0)
		close(w.jdir);
	return -1;
}

struct tree {
	mirror_skip_fn skip;
	mirror_file_fn fn;
	void *ctx;
};

static bool tree(struct jt *jt, const char *dir, const struct tree *t,
		 int depth);

static bool tree_entry(struct jt *jt, const char *path, const struct tree *t,
		       int depth)
{
	char final[PATH_MAX];
	struct stat sb;

	if (!mirror_path(jt, path, final, sizeof(final)) || lstat(final, &sb) != 0)
		return false;
	if (S_ISDIR(sb.st_mode))
		return tree(jt, final, t, depth + 1);
	return !S_ISREG(sb.st_mode) || t->fn == NULL || t->fn(jt, final, t->ctx);
}

static bool tree(struct jt *jt, const char *dir, const struct tree *t,
		 int depth)
{
	char path[PATH_MAX];
	struct dirent *e;
	DIR *d;
	bool ok = true;

	if (depth > MAX_DEPTH)
		return jt_error("%s: directories nested too deep", dir);
	d = opendir(dir);
	if (d == NULL)
		return jt_error("%s: %m", dir);
	while (ok && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 ||
		    (t->skip != NULL && t->skip(e->d_name)))
			continue;
		if (!jt_join(path, sizeof(path), dir, e->d_name))
			ok = jt_error("%s/%s: path too long", dir, e->d_name);
		else
			ok = tree_entry(jt, path, t, depth);
	}
	closedir(d);
	return ok;
}

bool mirror_tree(struct jt *jt, const char *dir, mirror_skip_fn skip,
		 mirror_file_fn fn, void *ctx)
{
	struct tree t = { skip, fn, ctx };

	return tree_entry(jt, dir, &t, 0);
}
