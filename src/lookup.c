/* NSS is consulted here only, on the host, while root (D4; security.md A9). */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <string.h>
#include <unistd.h>

#include "cfgfile.h"
#include "fail.h"
#include "lookup.h"
#include "user.h"

static char filebuf[CFGFILE_MAX];

static bool copy_field(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);

	if (n >= cap)
		return false;
	memcpy(dst, src, n + 1);
	return true;
}

enum reason lookup_target(const char *name, struct target *t)
{
	struct passwd *pw;
	int n = TARGET_MAX_GROUPS;
	long kernel_max = sysconf(_SC_NGROUPS_MAX);

	errno = 0;
	pw = getpwnam(name);
	if (pw == NULL)
		return R_UNKNOWN_USER;
	/* Copies, not libc's static result: later NSS calls overwrite it (W9). */
	if (!copy_field(t->name, sizeof(t->name), pw->pw_name) ||
	    !copy_field(t->home, sizeof(t->home), pw->pw_dir) ||
	    !copy_field(t->shell, sizeof(t->shell), pw->pw_shell))
		return R_INTERNAL;
	t->uid = pw->pw_uid;
	t->gid = pw->pw_gid;
	if (getgrouplist(t->name, t->gid, t->groups, &n) < 0 || n < 1)
		return R_INTERNAL;
	if (kernel_max > 0 && n > kernel_max)
		return R_INTERNAL;
	t->n_groups = (size_t)n;
	return R_NONE;
}

static void check_shell(struct state *st)
{
	size_t len;
	bool exists;
	enum reason r = cfgfile_read("/etc/shells", filebuf, sizeof(filebuf),
				     &len, &exists);

	if (r != R_NONE)
		fail(st, r, "file=/etc/shells");
	if (!exists || !user_shell_listed(filebuf, len, st->target.shell))
		fail(st, R_SHELL_NOT_ALLOWED, "shell=%s", st->target.shell);
}

static enum acl_result read_acl(struct state *st, const char *path,
				bool *exists)
{
	size_t len, bad_line = 0;
	enum acl_result a;
	enum reason r;

	*exists = false;
	if (path == NULL)
		return ACL_NO_MATCH;
	r = cfgfile_read(path, filebuf, sizeof(filebuf), &len, exists);
	if (r != R_NONE)
		fail(st, r, "file=%s", path);
	if (!*exists)
		return ACL_NO_MATCH;
	a = acl_match(filebuf, len, st->target.name, &bad_line);
	if (a == ACL_MALFORMED)
		fail(st, R_CONFIG_MALFORMED, "file=%s line=%zu", path, bad_line);
	return a;
}

static void check_access(struct state *st)
{
	const struct policy *p = st->policy;
	bool allow_exists, deny_exists;
	enum acl_result allow, deny;
	enum reason r;

	if (p->allow_file == NULL && p->deny_file == NULL)
		return;
	allow = read_acl(st, p->allow_file, &allow_exists);
	deny = read_acl(st, p->deny_file, &deny_exists);
	r = acl_decide(allow_exists, allow, deny_exists, deny);
	if (r != R_NONE)
		fail(st, r, "acl=global");
}

void lookup_check_user(struct state *st)
{
	const struct target *t = &st->target;
	const struct policy *p = st->policy;

	fail_unless_ok(st, user_check_uid(t, p), "uid below the minimum");
	fail_unless_ok(st, user_check_gid(t, p), "gid below the minimum");
	if (p->check_shell)
		check_shell(st);
	check_access(st);
	fail_unless_ok(st, user_check_groups(t, p),
		       "a supplementary gid below the minimum");
	trace_add(&st->trace, "user: %s uid=%lu gid=%lu groups=%zu home=%s ok",
		  t->name, (unsigned long)t->uid, (unsigned long)t->gid,
		  t->n_groups, t->home);
}
