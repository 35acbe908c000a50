/*
 * "check": what the wrapper refuses (D10, D15), what an attacker inside
 * the jail could use (A7, A8, A22), and what makes scripts fail (missing
 * loaders and libraries).  One finding per line; exit 1 when any.
 */
#include <fcntl.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "check.h"

void check_problem(struct audit *a, const char *fmt, ...)
{
	va_list ap;

	fputs("problem: ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	a->problems++;
}

void check_note(const char *fmt, ...)
{
	va_list ap;

	fputs("note: ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/* D10: the jail and every directory above it, as the wrapper checks them. */
static void check_one_ancestor(struct audit *a, const char *path)
{
	struct stat sb;

	if (lstat(path, &sb) != 0) {
		check_problem(a, "%s: cannot be examined; fix: create it", path);
	} else if (!S_ISDIR(sb.st_mode)) {
		check_problem(a, "%s is a symlink or not a directory (the "
			      "wrapper refuses: unsafe-jail); fix: use the real "
			      "path in --with-chroot", path);
	} else if (sb.st_uid != 0) {
		check_problem(a, "%s is owned by uid %lu, not root (unsafe-jail); "
			      "fix: chown root %s", path,
			      (unsigned long)sb.st_uid, path);
	} else if ((sb.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
		check_problem(a, "%s is writable by group or others (mode %04o; "
			      "unsafe-jail); fix: chmod go-w %s", path,
			      (unsigned)(sb.st_mode & 07777), path);
	}
}

static void check_ancestors(struct audit *a)
{
	const char *jail = a->jt->jail;
	char path[PATH_MAX];

	check_one_ancestor(a, "/");
	for (size_t i = 1;; i++) {
		if (jail[i] == '/' || jail[i] == '\0') {
			memcpy(path, jail, i);
			path[i] = '\0';
			check_one_ancestor(a, path);
		}
		if (jail[i] == '\0')
			return;
	}
}

static void check_top(struct audit *a)
{
	struct statvfs sv;
	bool required = a->jt->strict || a->jt->policy.chroot_require_ro_root;

	if (fstatvfs(a->jt->jail_fd, &sv) != 0 || (sv.f_flag & ST_RDONLY) != 0)
		return;
	if (required)
		check_problem(a, "%s is not a read-only mount%s; fix: mount "
			      "--bind %s %s && mount -o remount,bind,ro %s",
			      a->jt->jail,
			      a->jt->policy.chroot_require_ro_root
				      ? " (the wrapper refuses: jail-not-readonly)"
				      : "",
			      a->jt->jail, a->jt->jail, a->jt->jail);
	else
		check_note("%s is writable (not a read-only mount); --strict "
			   "reports it as a problem", a->jt->jail);
}

static bool is_tmp(const struct audit *a, const char *point)
{
	size_t n = strlen(a->jt->jail);

	return strcmp(point + n, "/tmp") == 0;
}

/* D15, A8: every mount below the jail. */
static void check_mount(struct audit *a, const struct mnt *m)
{
	bool nosuid = mnt_has_opt(m, "nosuid"), nodev = mnt_has_opt(m, "nodev");

	if (strcmp(m->fstype, "proc") == 0) {
		check_problem(a, "a procfs is mounted at %s (the wrapper refuses: "
			      "unsafe-jail; /proc/<pid>/root leads out of the "
			      "jail); fix: umount %s", m->point, m->point);
		return;
	}
	if (!nosuid || !nodev)
		check_problem(a, "mount %s lacks %s%s%s (setuid files or device "
			      "nodes in it work); fix: mount -o remount,bind,"
			      "nosuid,nodev %s (homes: cgiwrap-jail mount)",
			      m->point, nosuid ? "" : "nosuid",
			      !nosuid && !nodev ? ", " : "", nodev ? "" : "nodev",
			      m->point);
	if (!mnt_has_opt(m, "ro") && a->jt->strict && !is_tmp(a, m->point))
		check_problem(a, "mount %s is writable (not ro); fix: mount -o "
			      "remount,bind,ro %s", m->point, m->point);
}

static void check_mounts(struct audit *a)
{
	for (size_t i = 0; i < a->n_mounts; i++)
		if (strcmp(a->mounts[i].point, a->jt->jail) != 0)
			check_mount(a, &a->mounts[i]);
}

/* Homes: no permissions for others (docs/chroot.md, home directories). */
static void check_home(struct audit *a, const char *path, const char *whose,
		       dev_t *seen_dev, ino_t *seen_ino, size_t *n_seen)
{
	struct stat sb;

	if (stat(path, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return;
	for (size_t i = 0; i < *n_seen; i++)
		if (seen_dev[i] == sb.st_dev && seen_ino[i] == sb.st_ino)
			return;
	if (*n_seen < 256) {
		seen_dev[*n_seen] = sb.st_dev;
		seen_ino[(*n_seen)++] = sb.st_ino;
	}
	if ((sb.st_mode & S_IRWXO) != 0)
		check_problem(a, "home %s (%s) has permissions for others (mode "
			      "%04o); fix: chmod o-rwx %s", path, whose,
			      (unsigned)(sb.st_mode & 07777), path);
}

static void check_homes(struct audit *a)
{
	static dev_t dev[256];
	static ino_t ino[256];
	char line[4096];
	size_t n = 0;
	int fd = jt_open_in(a->jt->jail_fd, "/etc/passwd", O_RDONLY);
	FILE *f = fd >= 0 ? fdopen(fd, "r") : NULL;

	while (f != NULL && fgets(line, sizeof(line), f) != NULL) {
		struct passwd *pw;

		line[strcspn(line, ":\n")] = '\0';
		pw = getpwnam(line);
		if (pw != NULL && pw->pw_uid != 0 && strcmp(pw->pw_dir, "/") != 0)
			check_home(a, pw->pw_dir, line, dev, ino, &n);
	}
	if (f != NULL)
		fclose(f);
	else if (fd >= 0)
		close(fd);
	for (size_t i = 0; i < a->n_mounts; i++)
		if (strcmp(a->mounts[i].point, a->jt->jail) != 0 &&
		    strcmp(a->mounts[i].fstype, "proc") != 0 &&
		    !is_tmp(a, a->mounts[i].point))
			check_home(a, a->mounts[i].point, "mounted in the jail",
				   dev, ino, &n);
}

int cmd_check(struct jt *jt, int argc, char **argv)
{
	static struct audit a;

	(void)argv;
	if (argc != 0) {
		jt_error("usage: check (no arguments; --strict before it)");
		return JT_EXIT_USAGE;
	}
	a.jt = jt;
	a.n_mounts = mounts_under(jt->jail, &a.mounts);
	deps_init(&a.jail, jt->jail_fd, jt->jail);
	check_ancestors(&a);
	check_top(&a);
	check_mounts(&a);
	audit_tree(&a);
	audit_report_missing(&a);
	check_homes(&a);
	free(a.mounts);
	if (a.problems == 0) {
		jt_say("check: no problems found in %s", jt->jail);
		return JT_EXIT_OK;
	}
	jt_say("check: %zu problem%s found in %s", a.problems,
	       a.problems == 1 ? "" : "s", jt->jail);
	return JT_EXIT_FAIL;
}
