/*
 * Fault injection for the wrapper, by the linker: the test links the
 * wrapper's own objects with -Wl,--wrap=NAME for each call below, so every
 * call of NAME reaches __wrap_NAME here.  CWT_FAULT=NAME makes that call
 * fail with EPERM; anything else passes through.  The environment is read
 * in a constructor, before main() captures and clears it.
 *
 * This binary is a test artefact: the suite installs it by hand in its own
 * scratch directory and deletes it; `make install` never sees it.
 */
#include <errno.h>
#include <grp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

static const char *fault;

__attribute__((constructor)) static void pick_fault(void)
{
	fault = getenv("CWT_FAULT");
}

static int hit(const char *name)
{
	if (fault == NULL || strcmp(fault, name) != 0)
		return 0;
	errno = EPERM;
	return 1;
}

int __real_setgroups(size_t n, const gid_t *list);
int __real_setresgid(gid_t r, gid_t e, gid_t s);
int __real_setresuid(uid_t r, uid_t e, uid_t s);
int __real_chroot(const char *path);
int __real_chdir(const char *path);
int __real_setrlimit(__rlimit_resource_t res, const struct rlimit *rl);

int __wrap_setgroups(size_t n, const gid_t *list);
int __wrap_setresgid(gid_t r, gid_t e, gid_t s);
int __wrap_setresuid(uid_t r, uid_t e, uid_t s);
int __wrap_chroot(const char *path);
int __wrap_chdir(const char *path);
int __wrap_setrlimit(__rlimit_resource_t res, const struct rlimit *rl);

int __wrap_setgroups(size_t n, const gid_t *list)
{
	return hit("setgroups") ? -1 : __real_setgroups(n, list);
}

int __wrap_setresgid(gid_t r, gid_t e, gid_t s)
{
	return hit("setresgid") ? -1 : __real_setresgid(r, e, s);
}

int __wrap_setresuid(uid_t r, uid_t e, uid_t s)
{
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
	    (res == RLIMIT_FSIZE && geteuid() != 0 && hit("setrlimit-dropped")))
		return -1;
	return __real_setrlimit(res, rl);
}
