/*
 * Fault injection for the wrapper, by the linker: the test links the
 * wrapper's own objects with -Wl,--wrap=NAME for each call below, so every
 * call of NAME reaches __wrap_NAME here.  CWT_FAULT=MODE makes one call
 * fail with EPERM (the modes are below; a MODE ending in "-dropped" fails
 * only once the effective uid is no longer 0, that is after the id change);
 * MODE "NAME-ignored" makes the id call NAME report success without doing
 * anything, as a broken kernel or libc might: only the wrapper's check of
 * the ids and groups that follows can then see it.  Anything else passes
 * through.  The environment is read in a constructor, before main()
 * captures and clears it.
 *
 * This binary is a test artefact: the suite installs it by hand in its own
 * scratch directory and deletes it; `make install` never sees it.
 */
#include <errno.h>
#include <grp.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

static const char *fault;

__attribute__((constructor)) static void pick_fault(void)
{
	fault = getenv("CWT_FAULT");
}

/* Whether CWT_FAULT names this mode. */
static int chosen(const char *mode)
{
	return fault != NULL && strcmp(fault, mode) == 0;
}

/* The call fails with EPERM in this mode. */
static int hit(const char *mode)
{
	if (!chosen(mode))
		return 0;
	errno = EPERM;
	return 1;
}

/* The same, only after root is given up. */
static int hit_dropped(const char *name)
{
	return geteuid() != 0 && hit(name);
}

int __real_setgroups(size_t n, const gid_t *list);
int __real_setresgid(gid_t r, gid_t e, gid_t s);
int __real_setresuid(uid_t r, uid_t e, uid_t s);
int __real_chroot(const char *path);
int __real_chdir(const char *path);
int __real_setrlimit(__rlimit_resource_t res, const struct rlimit *rl);
int __real_fchdir(int fd);
int __real_prctl(int option, ...);

int __wrap_setgroups(size_t n, const gid_t *list);
int __wrap_setresgid(gid_t r, gid_t e, gid_t s);
int __wrap_setresuid(uid_t r, uid_t e, uid_t s);
int __wrap_chroot(const char *path);
int __wrap_chdir(const char *path);
int __wrap_setrlimit(__rlimit_resource_t res, const struct rlimit *rl);
int __wrap_fchdir(int fd);
int __wrap_prctl(int option, ...);

int __wrap_setgroups(size_t n, const gid_t *list)
{
	if (chosen("setgroups-ignored"))
		return 0;
	return hit("setgroups") ? -1 : __real_setgroups(n, list);
}

int __wrap_setresgid(gid_t r, gid_t e, gid_t s)
{
	if (chosen("setresgid-ignored"))
		return 0;
	return hit("setresgid") ? -1 : __real_setresgid(r, e, s);
}

int __wrap_setresuid(uid_t r, uid_t e, uid_t s)
{
	if (chosen("setresuid-ignored"))
		return 0;
	return hit("setresuid") ? -1 : __real_setresuid(r, e, s);
}

int __wrap_chroot(const char *path)
{
	return hit("chroot") ? -1 : __real_chroot(path);
}

int __wrap_chdir(const char *path)
{
	return hit("chdir") ? -1 : __real_chdir(path);
}

/*
 * "setrlimit" fails every call; "setrlimit-dropped" only the file-size
 * limit once root is given up: the wrapper's own raise then works, and the
 * caller's value cannot be put back (proc_restore_limits).
 */
int __wrap_setrlimit(__rlimit_resource_t res, const struct rlimit *rl)
{
	if (hit("setrlimit") ||
	    (res == RLIMIT_FSIZE && hit_dropped("setrlimit-dropped")))
		return -1;
	return __real_setrlimit(res, rl);
}

/*
 * "fchdir" fails every call (the way into the jail); "fchdir-dropped" only
 * after the drop (the way into the script's checked directory).
 */
int __wrap_fchdir(int fd)
{
	return hit("fchdir") || hit_dropped("fchdir-dropped") ?
		       -1 : __real_fchdir(fd);
}

/*
 * prctl takes up to four more arguments, all unsigned long to the kernel
 * (glibc reads them the same way).  "dumpable" fails every
 * PR_SET_DUMPABLE, "dumpable-dropped" the one after the id change,
 * "capbset-drop" every PR_CAPBSET_DROP, "no-new-privs" PR_SET_NO_NEW_PRIVS.
 */
int __wrap_prctl(int option, ...)
{
	unsigned long a[4];
	va_list ap;

	va_start(ap, option);
	for (int i = 0; i < 4; i++)
		a[i] = va_arg(ap, unsigned long);
	va_end(ap);
	if ((option == PR_SET_DUMPABLE &&
	     (hit("dumpable") || hit_dropped("dumpable-dropped"))) ||
	    (option == PR_CAPBSET_DROP && hit("capbset-drop")) ||
	    (option == PR_SET_NO_NEW_PRIVS && hit("no-new-privs")))
		return -1;
	return __real_prctl(option, a[0], a[1], a[2], a[3]);
}
