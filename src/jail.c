/* Entering the jail through the descriptor that was checked (security.md A7). */
#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "jail.h"

static bool root_only_dir(int fd)
{
	struct stat sb;

	return fstat(fd, &sb) == 0 && S_ISDIR(sb.st_mode) && sb.st_uid == 0 &&
	       (sb.st_mode & (S_IWGRP | S_IWOTH)) == 0;
}

/* Open one component below dirfd without following a symlink. */
static int open_dir_at(int dirfd, const char *name)
{
	return openat(dirfd, name, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

/* /proc/<pid>/root of the user's processes outside leads out (D15, A8). */
static bool has_procfs(int jailfd)
{
	struct statfs sf;
	int fd = open_dir_at(jailfd, "proc");
	bool found;

	if (fd < 0)
		return false;
	found = fstatfs(fd, &sf) != 0 || sf.f_type == PROC_SUPER_MAGIC;
	close(fd);
	return found;
}

/* The top of the jail on a read-only mount (--with-chroot-require-ro-root). */
static bool read_only(int fd)
{
	struct statvfs sv;

	return fstatvfs(fd, &sv) == 0 && (sv.f_flag & ST_RDONLY) != 0;
}

static int walk_jail(const char *path)
{
	char comp[256];
	int fd = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
	const char *p = path;

	while (fd >= 0 && root_only_dir(fd)) {
		size_t n;
		int next;

		while (*p == '/')
			p++;
		if (*p == '\0')
			return fd;
		n = strcspn(p, "/");
		if (n >= sizeof(comp) || (n == 2 && p[0] == '.' && p[1] == '.'))
			break;
		memcpy(comp, p, n);
		comp[n] = '\0';
		p += n;
		next = open_dir_at(fd, comp);
		close(fd);
		fd = next;
	}
	if (fd >= 0)
		close(fd);
	return -1;
}

enum reason jail_check(struct state *st)
{
	const char *jail = st->policy->chroot;
	int fd;

	if (jail == NULL)
		return R_NONE;
	errno = 0;
	fd = walk_jail(jail);
	/* Out of descriptors or memory is our problem, not the jail's. */
	if (fd < 0 && (errno == EMFILE || errno == ENFILE || errno == ENOMEM))
		return R_INTERNAL;
	if (fd < 0)
		return R_UNSAFE_JAIL;
	if (has_procfs(fd)) {
		close(fd);
		return R_UNSAFE_JAIL;
	}
	st->jail_fd = fd;
	if (st->policy->chroot_require_ro_root && !read_only(fd))
		return R_JAIL_NOT_READONLY;
	return R_NONE;
}

enum reason jail_enter(struct state *st)
{
	/* Without a jail, still leave the web server's working directory. */
	if (st->policy->chroot == NULL)
		return chdir("/") == 0 ? R_NONE : R_CHROOT_FAILED;
	if (st->jail_fd < 0 || fchdir(st->jail_fd) != 0 || chroot(".") != 0 ||
	    chdir("/") != 0)
		return R_CHROOT_FAILED;
	close(st->jail_fd);
	st->jail_fd = -1;
	return R_NONE;
}
