/*
 * The walk over the jail's own files.  Symlinks are never followed and
 * mounts are not entered (check.c looks at their flags); /tmp's contents
 * belong to the scripts.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "check.h"
#include "init.h"

#define MAX_DEPTH 64

static bool is_mount_point(const struct audit *a, const char *rel)
{
	size_t n = strlen(a->jt->jail);

	for (size_t i = 0; i < a->n_mounts; i++)
		if (strncmp(a->mounts[i].point, a->jt->jail, n) == 0 &&
		    strcmp(a->mounts[i].point + n, rel) == 0)
			return true;
	return false;
}

static bool allowed_device(const char *rel, const struct stat *sb)
{
	char host[64];
	struct stat h;

	for (size_t i = 0; init_devices[i] != NULL; i++) {
		snprintf(host, sizeof(host), "/dev/%s", init_devices[i]);
		if (strcmp(rel, host) == 0)
			return S_ISCHR(sb->st_mode) && stat(host, &h) == 0 &&
			       S_ISCHR(h.st_mode) && h.st_rdev == sb->st_rdev;
	}
	return false;
}

static void add_missing(struct audit *a, const char *name, bool loader,
			const char *needer)
{
	struct missing *m = NULL;
	size_t used;

	for (size_t i = 0; i < a->n_missing && m == NULL; i++)
		if (a->missing[i].loader == loader &&
		    strcmp(a->missing[i].name, name) == 0)
			m = &a->missing[i];
	if (m == NULL) {
		if (a->n_missing == CHECK_MAX_MISSING)
			return;
		m = &a->missing[a->n_missing++];
		(void)jt_copy(m->name, sizeof(m->name), name);
		m->loader = loader;
		(void)jt_copy(m->first, sizeof(m->first), needer);
	}
	used = strlen(m->needers);
	if (m->n_needers < 4)
		snprintf(m->needers + used, sizeof(m->needers) - used, "%s%s",
			 m->n_needers ? ", " : "", needer);
	else if (m->n_needers == 4)
		snprintf(m->needers + used, sizeof(m->needers) - used, ", ...");
	m->n_needers++;
}

static void check_elf(struct audit *a, int dfd, const char *name,
		      const char *rel)
{
	static struct elf_info info;
	char lib[PATH_MAX];
	bool conf;
	int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0)
		return;
	elf_read(fd, &info);
	close(fd);
	if (info.kind == ELF_UNSUPPORTED)
		check_note("%s: not a 64-bit little-endian ELF file; its "
			   "libraries are not checked", rel);
	if (info.kind != ELF_OK)
		return;
	if (info.has_interp && !deps_exists(&a->jail, info.interp))
		add_missing(a, info.interp, true, rel);
	for (size_t i = 0; i < info.n_needed; i++)
		if (!deps_find(&a->jail, &info, rel, info.needed[i], lib,
			       sizeof(lib), &conf))
			add_missing(a, info.needed[i], false, rel);
}

/* Files the tool copied keep the host's size and mtime. */
static void compare_host(struct audit *a, const char *rel, const struct stat *j)
{
	struct stat h;

	if (strcmp(rel, "/etc/passwd") == 0 || strcmp(rel, "/etc/group") == 0)
		return;
	if (lstat(rel, &h) != 0) {
		if (strncmp(rel, "/usr/", 5) == 0)
			check_problem(a, "%s%s is not on the host any more (left "
				      "from an old version?); fix: rm %s%s, or "
				      "ignore it if you put it there", a->jt->jail,
				      rel, a->jt->jail, rel);
		return;
	}
	if (!S_ISREG(h.st_mode) || h.st_size != j->st_size ||
	    h.st_mtim.tv_sec != j->st_mtim.tv_sec ||
	    h.st_mtim.tv_nsec != j->st_mtim.tv_nsec)
		check_problem(a, "%s%s differs from the host's %s (size or mtime: "
			      "a package upgrade since it was copied?); fix: "
			      "cgiwrap-jail add %s", a->jt->jail, rel, rel, rel);
}

static void check_file(struct audit *a, int dfd, const char *name,
		       const char *rel, const struct stat *sb)
{
	const char *j = a->jt->jail;

	if ((sb->st_mode & (S_ISUID | S_ISGID)) != 0)
		check_problem(a, "%s%s is setuid or setgid (mode %04o; A22); fix: "
			      "chmod u-s,g-s %s%s", j, rel,
			      (unsigned)(sb->st_mode & 07777), j, rel);
	else if ((sb->st_mode & (S_IWGRP | S_IWOTH)) != 0)
		check_problem(a, "%s%s is writable by group or others (mode "
			      "%04o); fix: chmod go-w %s%s", j, rel,
			      (unsigned)(sb->st_mode & 07777), j, rel);
	check_elf(a, dfd, name, rel);
	compare_host(a, rel, sb);
}

/* The jail's /tmp: sticky if world-writable; its contents are not ours. */
static void check_tmp(struct audit *a, const char *rel, const struct stat *sb)
{
	if ((sb->st_mode & S_IWOTH) != 0 && (sb->st_mode & S_ISVTX) == 0)
		check_problem(a, "%s%s is world-writable without the sticky bit; "
			      "fix: chmod 1777 %s%s", a->jt->jail, rel,
			      a->jt->jail, rel);
}

static bool check_dir(struct audit *a, const char *rel, const struct stat *sb)
{
	const char *j = a->jt->jail;

	if (strcmp(rel, "/tmp") == 0) {
		check_tmp(a, rel, sb);
		return false;
	}
	if ((sb->st_mode & (S_IWGRP | S_IWOTH)) != 0)
		check_problem(a, "%s%s is a %s-writable directory (mode %04o); "
			      "fix: chmod go-w %s%s", j, rel,
			      (sb->st_mode & S_IWOTH) ? "world" : "group",
			      (unsigned)(sb->st_mode & 07777), j, rel);
	return true;
}

static void walk(struct audit *a, int dfd, char *rel, size_t len, int depth);

static void entry(struct audit *a, int dfd, const char *name, char *rel,
		  size_t len, int depth)
{
	const char *j = a->jt->jail;
	struct stat sb;
	int fd;

	if (fstatat(dfd, name, &sb, AT_SYMLINK_NOFOLLOW) != 0 ||
	    S_ISLNK(sb.st_mode) || is_mount_point(a, rel))
		return;
	if (sb.st_uid != 0)
		check_problem(a, "%s%s is owned by uid %lu, not root; fix: chown "
			      "root %s%s", j, rel, (unsigned long)sb.st_uid, j, rel);
	if (S_ISDIR(sb.st_mode)) {
		if (!check_dir(a, rel, &sb) || depth >= MAX_DEPTH)
			return;
		fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
					       O_CLOEXEC);
		if (fd >= 0)
			walk(a, fd, rel, len, depth + 1);
	} else if (S_ISREG(sb.st_mode)) {
		check_file(a, dfd, name, rel, &sb);
	} else if ((S_ISCHR(sb.st_mode) || S_ISBLK(sb.st_mode))) {
		if (!allowed_device(rel, &sb))
			check_problem(a, "%s%s is a device node (%u:%u) other "
				      "than /dev/null, /dev/zero, /dev/urandom; "
				      "fix: rm %s%s", j, rel, major(sb.st_rdev),
				      minor(sb.st_rdev), j, rel);
	} else {
		check_problem(a, "%s%s is a FIFO or socket; fix: rm %s%s", j, rel,
			      j, rel);
	}
}

/* Takes ownership of dfd.  rel holds len bytes: the directory's path. */
static void walk(struct audit *a, int dfd, char *rel, size_t len, int depth)
{
	DIR *d = fdopendir(dfd);
	struct dirent *e;

	if (d == NULL) {
		close(dfd);
		return;
	}
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 ||
		    len + 1 + n >= PATH_MAX)
			continue;
		rel[len] = '/';
		memcpy(rel + len + 1, e->d_name, n + 1);
		entry(a, dirfd(d), e->d_name, rel, len + 1 + n, depth);
		rel[len] = '\0';
	}
	closedir(d);
}

void audit_tree(struct audit *a)
{
	static char rel[PATH_MAX];
	int fd = openat(a->jt->jail_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	rel[0] = '\0';
	if (fd >= 0)
		walk(a, fd, rel, 0, 0);
}

void audit_report_missing(struct audit *a)
{
	for (size_t i = 0; i < a->n_missing; i++) {
		const struct missing *m = &a->missing[i];

		check_problem(a, "%s %s is missing from the jail, needed by %s; "
			      "fix: cgiwrap-jail add %s",
			      m->loader ? "the program loader" : "library",
			      m->name, m->needers, m->first);
	}
}
