/*
 * "mount", "umount", "fstab": the users' homes in the jail at the same
 * path, read-only, nosuid, nodev and private (security.md, the mount
 * section): scripts cannot write their owner's files, a setuid file or a
 * device node in a home does nothing, and a mount made later under a home
 * on the host does not appear in the jail.
 */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "mirror.h"
#include "mounts.h"

#define MOUNT_FLAGS "bind,ro,nosuid,nodev,private"

/* The user's home, symlinks resolved (the jail mirrors them too). */
static bool home_of(const char *user, char *out, size_t cap)
{
	struct passwd *pw = getpwnam(user);
	char real[PATH_MAX];

	if (pw == NULL)
		return jt_error("%s: no such user", user);
	if (!jt_path_clean(pw->pw_dir) || strcmp(pw->pw_dir, "/") == 0)
		return jt_error("%s: home %s is not a clean absolute path", user,
				pw->pw_dir);
	if (realpath(pw->pw_dir, real) == NULL)
		return jt_error("%s: home %s: %m", user, pw->pw_dir);
	return jt_copy(out, cap, real);
}

/* A path for fstab(5): blanks and backslashes as octal escapes. */
static void print_escaped(const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\\')
			printf("\\%03o", (unsigned char)*s);
		else
			putchar(*s);
	}
}

static void fstab_line(const struct jt *jt, const char *home)
{
	print_escaped(home);
	putchar(' ');
	print_escaped(jt->jail);
	print_escaped(home);
	printf(" none " MOUNT_FLAGS " 0 0\n");
}

/* The top mount at jail+home, if any. */
static bool mounted(const struct jt *jt, const char *home, struct mnt *found)
{
	char point[PATH_MAX];
	struct mnt *v;
	size_t n;
	bool hit = false;

	if (!jt_join(point, sizeof(point), jt->jail, home))
		return false;
	n = mounts_under(point, &v);
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].point, point) == 0) {
			*found = v[i];
			hit = true;
		}
	free(v);
	return hit;
}

static bool fix_flags(const char *point)
{
	if (mount(NULL, point, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY |
					      MS_NOSUID | MS_NODEV, NULL) != 0 ||
	    mount(NULL, point, NULL, MS_PRIVATE, NULL) != 0)
		return jt_error("remount %s: %m", point);
	return true;
}

/*
 * A detached copy of the home gets its flags before it is attached, so the
 * home never appears in the jail writable or with setuid honoured.
 */
static bool bind_home(const char *home, int point_fd)
{
	struct mount_attr attr = {
		.attr_set = MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID |
			    MOUNT_ATTR_NODEV,
		.propagation = MS_PRIVATE,
	};
	int tree = open_tree(AT_FDCWD, home, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC);
	bool ok;

	if (tree < 0)
		return jt_error("open_tree %s: %m", home);
	ok = mount_setattr(tree, "", AT_EMPTY_PATH, &attr, sizeof(attr)) == 0 &&
	     move_mount(tree, "", point_fd, "", MOVE_MOUNT_F_EMPTY_PATH |
						   MOVE_MOUNT_T_EMPTY_PATH) == 0;
	close(tree);
	return ok || jt_error("mounting %s into the jail: %m", home);
}

/*
 * Its status lines are fstab(5) comments, so that all that mount prints
 * can go to an fstab file as it is.
 */
static bool mount_user(struct jt *jt, const char *user)
{
	char home[PATH_MAX], point[PATH_MAX];
	struct mnt m;
	int fd;
	bool ok;

	if (!home_of(user, home, sizeof(home)) ||
	    !jt_join(point, sizeof(point), jt->jail, home))
		return false;
	if (mounted(jt, home, &m)) {
		if (mnt_has_opt(&m, "ro") && mnt_has_opt(&m, "nosuid") &&
		    mnt_has_opt(&m, "nodev")) {
			jt_say("# %s: %s already mounted", user, point);
			return true;
		}
		jt_say("# %s: %s mounted with %s; remounting", user, point,
		       m.opts);
		return fix_flags(point);
	}
	fd = mirror_dir(jt, home);
	if (fd < 0)
		return false;
	ok = bind_home(home, fd);
	close(fd);
	if (ok)
		jt_say("# %s: mounted %s on %s (ro,nosuid,nodev,private)",
		       user, home, point);
	return ok;
}

int cmd_mount(struct jt *jt, int argc, char **argv)
{
	bool ok = true;

	if (argc < 1) {
		jt_error("usage: mount USER...");
		return JT_EXIT_USAGE;
	}
	for (int i = 0; i < argc; i++)
		ok = mount_user(jt, argv[i]) && ok;
	if (!ok)
		return JT_EXIT_FAIL;
	jt_say("# the same at boot: these lines in /etc/fstab");
	for (int i = 0; i < argc; i++) {
		char home[PATH_MAX] = "";

		if (home_of(argv[i], home, sizeof(home)))
			fstab_line(jt, home);
	}
	return JT_EXIT_OK;
}

int cmd_fstab(struct jt *jt, int argc, char **argv)
{
	char home[PATH_MAX] = "";
	bool ok = true;

	if (argc < 1) {
		jt_error("usage: fstab USER...");
		return JT_EXIT_USAGE;
	}
	for (int i = 0; i < argc; i++) {
		if (home_of(argv[i], home, sizeof(home)))
			fstab_line(jt, home);
		else
			ok = false;
	}
	return ok ? JT_EXIT_OK : JT_EXIT_FAIL;
}

/*
 * The mount point of user's home in the jail: from --home, the password
 * database, or (the user deleted meanwhile) the one mount under the jail
 * whose last component is the user's name.
 */
static bool find_point(struct jt *jt, const char *user, char *out, size_t cap)
{
	struct passwd *pw = jt->home ? NULL : getpwnam(user);
	char home[PATH_MAX] = "";
	struct mnt *v;
	size_t n, hits = 0;

	if (jt->home != NULL || pw != NULL) {
		if (!jt_copy(home, sizeof(home), jt->home ? jt->home : pw->pw_dir) ||
		    !jt_path_clean(home))
			return jt_error("%s: not a clean absolute home", home);
		if (pw != NULL && realpath(pw->pw_dir, home) == NULL &&
		    !jt_copy(home, sizeof(home), pw->pw_dir))
			return false;
		return jt_join(out, cap, jt->jail, home);
	}
	n = mounts_under(jt->jail, &v);
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		const char *base = strrchr(v[i].point, '/') + 1;

		if (strcmp(v[i].point, jt->jail) != 0 && strcmp(base, user) == 0 &&
		    strcmp(out, v[i].point) != 0 && hits++ == 0)
			(void)jt_copy(out, cap, v[i].point);
	}
	free(v);
	if (hits > 1)
		return jt_error("%s: several mounts end in /%s; say which with "
				"--home PATH", user, user);
	return true;
}

static bool umount_user(struct jt *jt, const char *user)
{
	char point[PATH_MAX] = "";
	struct mnt m;
	int count = 0;

	if (!find_point(jt, user, point, sizeof(point)))
		return false;
	/* Stacked mounts come off one at a time. */
	while (point[0] != '\0' &&
	       mounted(jt, point + strlen(jt->jail), &m) && count < 16) {
		if (umount2(point, UMOUNT_NOFOLLOW) != 0)
			return jt_error("umount %s: %m", point);
		count++;
	}
	if (count == 0)
		jt_say("%s: not mounted in %s", user, jt->jail);
	else
		jt_say("%s: unmounted %s", user, point);
	return true;
}

int cmd_umount(struct jt *jt, int argc, char **argv)
{
	bool ok = true;

	if (argc < 1) {
		jt_error("usage: umount [--home PATH] USER...");
		return JT_EXIT_USAGE;
	}
	for (int i = 0; i < argc; i++)
		ok = umount_user(jt, argv[i]) && ok;
	return ok ? JT_EXIT_OK : JT_EXIT_FAIL;
}
