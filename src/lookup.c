/* NSS is consulted here only, on the host, while root (D4; security.md A9). */
#include <errno.h>
#include <grp.h>
#include <netdb.h>
#include <pwd.h>
#include <string.h>
#include <unistd.h>

#include "cfgfile.h"
#include "fail.h"
#include "lookup.h"
#include "user.h"
#include "vhost.h"

static char filebuf[CFGFILE_MAX];

static bool copy_field(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);

	if (n >= cap)
		return false;
	memcpy(dst, src, n + 1);
	return true;
}

enum reason lookup_target(const char *name, bool all_groups, struct target *t)
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
	/* Never the web server's groups: at least {primary gid}, explicitly. */
	if (!all_groups) {
		t->groups[0] = t->gid;
		t->n_groups = 1;
		return R_NONE;
	}
	if (getgrouplist(t->name, t->gid, t->groups, &n) < 0 || n < 1)
		return R_INTERNAL;
	if (kernel_max > 0 && n > kernel_max)
		return R_INTERNAL;
	t->n_groups = (size_t)n;
	return R_NONE;
}

static void check_shell(struct state *st)
{
	size_t len, bad_line;
	bool exists;
	enum reason r = cfgfile_read("/etc/shells", filebuf, sizeof(filebuf),
				     &len, &exists);

	if (r != R_NONE)
		fail(st, r, "file=/etc/shells");
	if (!exists)
		fail(st, R_SHELL_NOT_ALLOWED, "shell=%s", st->target.shell);
	r = user_check_shell(filebuf, len, st->target.shell, &bad_line);
	if (r == R_CONFIG_MALFORMED)
		fail(st, r, "file=/etc/shells line=%zu", bad_line);
	if (r != R_NONE)
		fail(st, r, "shell=%s", st->target.shell);
}

/* innetgr() on the host, for +@netgroup entries (spec 7.2). */
static bool host_in_netgroup(const char *netgroup, const char *user, void *ctx)
{
	(void)ctx;
	return innetgr(netgroup, NULL, user, NULL) == 1;
}

static enum acl_result read_acl(struct state *st, const char *path,
				bool *exists)
{
	const struct policy *p = st->policy;
	struct acl_query q = {
		.user = st->target.name,
		.remote_addr = env_get(&st->env, "REMOTE_ADDR"),
		.host_checking = p->host_checking,
		.netgroups = p->allow_deny_netgroups,
		.in_netgroup = host_in_netgroup,
	};
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
	a = acl_match_ex(filebuf, len, &q, &bad_line);
	if (a == ACL_MALFORMED)
		fail(st, R_CONFIG_MALFORMED, "file=%s line=%zu", path, bad_line);
	return a;
}

/* One allow/deny pair; both paths NULL means the pair is not configured. */
static void check_pair(struct state *st, const char *allow_path,
		       const char *deny_path, const char *acl)
{
	bool allow_exists, deny_exists;
	enum acl_result allow, deny;
	enum reason r;

	if (allow_path == NULL && deny_path == NULL)
		return;
	allow = read_acl(st, allow_path, &allow_exists);
	deny = read_acl(st, deny_path, &deny_exists);
	r = acl_decide(allow_exists, allow, deny_exists, deny);
	st->acl = acl;
	if (r != R_NONE)
		fail(st, r, NULL);
	st->acl = NULL;
}

/*
 * The vhost pair, keyed on a name checked before it is used in a path
 * (spec 7.3; the original opened <dir>/<Host header> as root, A23).
 */
static void check_vhost(struct state *st)
{
	const struct policy *p = st->policy;
	static char allow[TARGET_MAX_PATH], deny[TARGET_MAX_PATH];
	char name[VHOST_MAX_NAME + 1];

	if (p->vhost_allow_dir == NULL && p->vhost_deny_dir == NULL)
		return;
	st->acl = "vhost";
	fail_unless_ok(st, vhost_name(env_get(&st->env, "CGIWRAP_AUTH_VHOST"),
				      p->vhost_override,
				      env_get(&st->env, "HTTP_HOST"), name),
		       "vhost name");
	memcpy(st->vhost, name, sizeof(name));
	if (p->vhost_allow_dir != NULL)
		fail_unless_ok(st, vhost_path(p->vhost_allow_dir, name, allow,
					      sizeof(allow)), "vhost path");
	if (p->vhost_deny_dir != NULL)
		fail_unless_ok(st, vhost_path(p->vhost_deny_dir, name, deny,
					      sizeof(deny)), "vhost path");
	check_pair(st, p->vhost_allow_dir ? allow : NULL,
		   p->vhost_deny_dir ? deny : NULL, "vhost");
}

/* Rows 5 and 6 of spec 7.1: variables only the server can set. */
static void check_server_vars(struct state *st)
{
	const struct policy *p = st->policy;
	const char *v;

	if (p->require_redirect_url) {
		v = env_get(&st->env, "REDIRECT_URL");
		if (v == NULL || v[0] == '\0')
			fail(st, R_NO_REDIRECT_URL, NULL);
	}
	if (p->env_require_user) {
		v = env_get(&st->env, "CGIWRAP_REQUIRE_USER");
		if (v != NULL && strcmp(v, st->user) != 0)
			fail(st, R_REQUIRE_USER_MISMATCH, NULL);
	}
}

void lookup_check_user(struct state *st)
{
	const struct target *t = &st->target;
	const struct policy *p = st->policy;

	if (p->host_checking &&
	    !user_remote_addr_valid(env_get(&st->env, "REMOTE_ADDR")))
		fail(st, R_NO_REMOTE_ADDR, NULL);
	fail_unless_ok(st, user_check_uid(t, p), "uid below the minimum");
	fail_unless_ok(st, user_check_gid(t, p), "gid below the minimum");
	if (p->check_shell)
		check_shell(st);
	check_server_vars(st);
	check_pair(st, p->allow_file, p->deny_file, "global");
	check_vhost(st);
	fail_unless_ok(st, user_check_groups(t, p),
		       "a supplementary gid below the minimum");
	trace_add(&st->trace, "user: %s uid=%lu gid=%lu groups=%zu home=%s ok",
		  t->name, (unsigned long)t->uid, (unsigned long)t->gid,
		  t->n_groups, t->home);
}
