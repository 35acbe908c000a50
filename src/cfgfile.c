/* Config files are trusted only when root alone could have written them. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cfgfile.h"

static bool root_only(const struct stat *sb)
{
	return sb->st_uid == 0 && (sb->st_mode & (S_IWGRP | S_IWOTH)) == 0;
}

/* The directory holding path: another user able to rename in it wins. */
static enum reason check_parent(const char *path)
{
	char dir[4096];
	const char *slash = strrchr(path, '/');
	size_t n = slash != NULL ? (size_t)(slash - path) : 0;
	struct stat sb;

	if (slash == NULL || n >= sizeof(dir))
		return R_UNSAFE_CONFIG;
	memcpy(dir, path, n);
	dir[n == 0 ? 1 : n] = '\0';
	if (n == 0)
		dir[0] = '/';
	if (lstat(dir, &sb) != 0)
		return R_CONFIG_UNREADABLE;
	if (!S_ISDIR(sb.st_mode) || !root_only(&sb))
		return R_UNSAFE_CONFIG;
	return R_NONE;
}

static enum reason read_all(int fd, char *buf, size_t cap, size_t *len)
{
	size_t got = 0;
	ssize_t n;

	for (;;) {
		if (got == cap)
			return R_CONFIG_MALFORMED;
		n = read(fd, buf + got, cap - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return R_CONFIG_UNREADABLE;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	*len = got;
	return R_NONE;
}

enum reason cfgfile_read(const char *path, char *buf, size_t cap,
			 size_t *len, bool *exists)
{
	struct stat sb;
	enum reason r;
	int fd;

	*exists = false;
	*len = 0;
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK |
			O_NOCTTY);
	if (fd < 0 && errno == ENOENT)
		return R_NONE;
	if (fd < 0)
		return errno == ELOOP ? R_UNSAFE_CONFIG : R_CONFIG_UNREADABLE;
	*exists = true;
	r = fstat(fd, &sb) != 0 ? R_CONFIG_UNREADABLE : R_NONE;
	if (r == R_NONE && (!S_ISREG(sb.st_mode) || !root_only(&sb)))
		r = R_UNSAFE_CONFIG;
	if (r == R_NONE)
		r = check_parent(path);
	if (r == R_NONE)
		r = read_all(fd, buf, cap, len);
	close(fd);
	return r;
}
