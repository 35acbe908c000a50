/*
 * "init": the jail skeleton (the host's top-level layout, merged-/usr
 * symlinks included, /dev/null, /dev/zero, /dev/urandom, /tmp, /etc/passwd
 * and /etc/group); "add-user": users into those two files.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "init.h"
#include "mirror.h"


const char *const init_devices[] = { "null", "zero", "urandom", NULL };

/* Top-level names mirrored as the host has them (dir or symlink). */
static const char *const layout[] = {
	"/bin", "/sbin", "/lib", "/lib64", "/lib32", "/libx32", "/usr/bin",
	"/usr/sbin", "/usr/lib", "/usr/lib/x86_64-linux-gnu", "/etc", "/dev",
	NULL,
};

static bool make_top(struct jt *jt)
{
	if (mkdir(jt->jail, 0755) != 0 && errno != EEXIST)
		return jt_error("mkdir %s: %m (its parent must exist)", jt->jail);
	if (!jt_open_jail(jt))
		return false;
	/* D10: root-owned and not writable by group or others. */
	if (fchownat(jt->jail_fd, "", 0, 0, AT_EMPTY_PATH) != 0 ||
	    chmod(jt->jail, 0755) != 0)
		return jt_error("%s: chown/chmod: %m", jt->jail);
	return true;
}

static bool make_device(int devfd, const char *name)
{
	char host[64];
	struct stat h, j;

	snprintf(host, sizeof(host), "/dev/%s", name);
	if (stat(host, &h) != 0 || !S_ISCHR(h.st_mode))
		return jt_error("%s on the host is not a character device", host);
	if (fstatat(devfd, name, &j, AT_SYMLINK_NOFOLLOW) == 0) {
		if (S_ISCHR(j.st_mode) && j.st_rdev == h.st_rdev)
			return fchmodat(devfd, name, 0666, 0) == 0 ||
			       jt_error("chmod %s in the jail: %m", host);
		return jt_error("%s in the jail is not the host's device "
				"%u:%u; remove it and rerun init", host,
				major(h.st_rdev), minor(h.st_rdev));
	}
	if (mknodat(devfd, name, S_IFCHR | 0666, h.st_rdev) != 0 ||
	    fchmodat(devfd, name, 0666, 0) != 0)
		return jt_error("mknod %s in the jail: %m", host);
	return true;
}

static bool make_dev_and_tmp(struct jt *jt)
{
	int devfd = openat(jt->jail_fd, "dev", O_PATH | O_DIRECTORY |
						     O_NOFOLLOW | O_CLOEXEC);
	bool ok = devfd >= 0;

	for (size_t i = 0; ok && init_devices[i] != NULL; i++)
		ok = make_device(devfd, init_devices[i]);
	if (devfd >= 0)
		close(devfd);
	if (devfd < 0)
		return jt_error("%s/dev: %m", jt->jail);
	if (!ok)
		return false;
	if (mkdirat(jt->jail_fd, "tmp", 01777) != 0 && errno != EEXIST)
		return jt_error("%s/tmp: %m", jt->jail);
	/* Sticky and world-writable, like the host's /tmp. */
	if (fchownat(jt->jail_fd, "tmp", 0, 0, AT_SYMLINK_NOFOLLOW) != 0 ||
	    fchmodat(jt->jail_fd, "tmp", 01777, 0) != 0)
		return jt_error("%s/tmp: %m", jt->jail);
	return true;
}

int cmd_init(struct jt *jt, int argc, char **argv)
{
	struct stat sb;

	if (!make_top(jt))
		return JT_EXIT_FAIL;
	for (size_t k = 0; layout[k] != NULL; k++)
		if (lstat(layout[k], &sb) == 0 &&
		    !mirror_path(jt, layout[k], NULL, 0))
			return JT_EXIT_FAIL;
	if (!make_dev_and_tmp(jt))
		return JT_EXIT_FAIL;
	jt_say("initialised %s", jt->jail);
	if (argc > 0 && strcmp(argv[0], "--user") != 0) {
		jt_error("usage: init [--user NAME...]");
		return JT_EXIT_USAGE;
	}
	return init_add_users(jt, argc, argv) ? JT_EXIT_OK : JT_EXIT_FAIL;
}

int cmd_add_user(struct jt *jt, int argc, char **argv)
{
	if (argc < 1) {
		jt_error("usage: add-user NAME...");
		return JT_EXIT_USAGE;
	}
	return init_add_users(jt, argc, argv) ? JT_EXIT_OK : JT_EXIT_FAIL;
}
