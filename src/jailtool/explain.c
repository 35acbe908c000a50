/*
 * "explain URL-PATH": every decision the wrapper would take for a request,
 * in the wrapper's order (spec section 3), through the wrapper's own
 * functions: jail_check, request_user, lookup_target, the user deciders,
 * scriptfs_base_path, request_script; then, in a child that enters the
 * jail and drops to the target like the wrapper, the walk and the program.
 * Nothing is executed.  The exit code is the reason's, as the wrapper's.
 */
#include <netdb.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cfgfile.h"
#include "explain.h"
#include "jail.h"
#include "jt.h"
#include "lookup.h"
#include "scriptfs.h"
#include "user.h"

static char filebuf[CFGFILE_MAX];

void explain_line(enum reason r, const char *fmt, ...)
{
	va_list ap;

	fputs(r == R_NONE ? "ok: " : "refused: ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	if (r != R_NONE)
		printf(" (%s)", reason_token(r));
	putchar('\n');
}

void explain_info(const char *fmt, ...)
{
	va_list ap;

	fputs("info: ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static int verdict(enum reason r)
{
	if (r == R_NONE) {
		printf("verdict: allowed\n");
		return JT_EXIT_OK;
	}
	printf("verdict: refused: %s (status %d, exit %d)\n", reason_token(r),
	       reason_status(r), reason_exit_code(r));
	return reason_exit_code(r);
}

static enum reason check_shell(const struct target *t)
{
	size_t len, bad_line = 0;
	bool exists;
	enum reason r = cfgfile_read("/etc/shells", filebuf, sizeof(filebuf),
				     &len, &exists);

	if (r != R_NONE) {
		explain_line(r, "/etc/shells cannot be used");
		return r;
	}
	/* A missing file lists no shell, as for the wrapper. */
	r = exists ? user_check_shell(filebuf, len, t->shell, &bad_line)
		   : R_SHELL_NOT_ALLOWED;
	if (r == R_CONFIG_MALFORMED)
		explain_line(r, "/etc/shells line %zu is malformed", bad_line);
	else
		explain_line(r, "shell %s %slisted in /etc/shells", t->shell,
			     r == R_NONE ? "" : "not ");
	return r;
}

/* innetgr() on the host, as lookup.c does for the wrapper. */
static bool in_netgroup(const char *netgroup, const char *user, void *ctx)
{
	(void)ctx;
	return innetgr(netgroup, NULL, user, NULL) == 1;
}

static enum reason read_acl(const struct policy *p, const char *path,
			    const char *user, const char *addr, bool *exists,
			    enum acl_result *a)
{
	struct acl_query q = {
		.user = user, .remote_addr = addr,
		.host_checking = p->host_checking,
		.netgroups = p->allow_deny_netgroups,
		.in_netgroup = in_netgroup,
	};
	size_t len, bad = 0;
	enum reason r;

	*exists = false;
	*a = ACL_NO_MATCH;
	if (path == NULL)
		return R_NONE;
	r = cfgfile_read(path, filebuf, sizeof(filebuf), &len, exists);
	if (r != R_NONE || !*exists)
		return r;
	*a = acl_match_ex(filebuf, len, &q, &bad);
	return *a == ACL_MALFORMED ? R_CONFIG_MALFORMED : R_NONE;
}

/* The global allow/deny pair (spec 7.2). */
static enum reason check_acl(const struct policy *p, const char *user,
			     const char *addr)
{
	bool ae, de;
	enum acl_result a, d;
	enum reason r;

	if (p->allow_file == NULL && p->deny_file == NULL)
		return R_NONE;
	r = read_acl(p, p->allow_file, user, addr, &ae, &a);
	if (r == R_NONE)
		r = read_acl(p, p->deny_file, user, addr, &de, &d);
	if (r == R_NONE)
		r = acl_decide(ae, a, de, d);
	explain_line(r, "allow file %s, deny file %s",
		     p->allow_file ? p->allow_file : "(none)",
		     p->deny_file ? p->deny_file : "(none)");
	return r;
}

static void not_evaluated(const struct policy *p)
{
	if (p->require_redirect_url || p->env_require_user)
		explain_info("REDIRECT_URL / CGIWRAP_REQUIRE_USER checks need "
			     "the server's variables: not evaluated");
	if (p->vhost_allow_dir != NULL || p->vhost_deny_dir != NULL)
		explain_info("the vhost allow/deny files need the Host: not "
			     "evaluated");
}

/* The user checks of spec 7.1, in lookup_check_user's order. */
static enum reason check_user(const struct state *st, const char *addr)
{
	const struct target *t = &st->target;
	const struct policy *p = st->policy;
	enum reason r = R_NONE;

	if (p->host_checking && !user_remote_addr_valid(addr))
		r = R_NO_REMOTE_ADDR;
	if (p->host_checking)
		explain_line(r, "REMOTE_ADDR %s (host checking; give "
			     "--remote-addr)", addr ? addr : "(none)");
	if (r == R_NONE) {
		r = user_check_uid(t, p);
		explain_line(r, "uid %lu (minimum %lu, never 0)",
			     (unsigned long)t->uid, p->min_uid);
	}
	if (r == R_NONE) {
		r = user_check_gid(t, p);
		explain_line(r, "primary gid %lu", (unsigned long)t->gid);
	}
	if (r == R_NONE && p->check_shell)
		r = check_shell(t);
	if (r == R_NONE) {
		not_evaluated(p);
		r = check_acl(p, t->name, addr);
	}
	if (r == R_NONE) {
		r = user_check_groups(t, p);
		explain_line(r, "%zu group(s), none below the minimum gid",
			     t->n_groups);
	}
	return r;
}

/* Host-side steps 3 to 5 and the script candidate (spec 3 A). */
static enum reason on_host(struct state *st, const char *pi, const char *q,
			   const char *addr)
{
	enum reason r = jail_check(st);
	bool from_query;

	explain_line(r, "jail %s: it and its ancestors root-owned, not "
		     "writable by group or others, no procfs at /proc%s",
		     st->policy->chroot, st->policy->chroot_require_ro_root
					 ? ", read-only" : "");
	if (r == R_NONE) {
		r = request_user(pi, q, st->user);
		explain_line(r, "user in the request: %s", r ? "(none)" : st->user);
	}
	if (r == R_NONE) {
		r = lookup_target(st->user, st->policy->initgroups &&
						   st->policy->setgroups,
				  &st->target);
		explain_line(r, "%s in the host's password database", st->user);
	}
	if (r == R_NONE && (r = check_user(st, addr)) == R_NONE) {
		r = scriptfs_base_path(st);
		explain_line(r, "base directory %s", r ? "(none)" : st->base_dir);
	}
	if (r == R_NONE) {
		r = request_script(pi, q, &st->candidate, &from_query);
		explain_line(r, "script part of the request: %.*s",
			     (int)st->candidate.len,
			     r ? "" : st->candidate.p);
	}
	return r;
}

/* The child's status as a verdict: its exit code names the reason. */
static int child_verdict(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return verdict(R_INTERNAL);
	if (WEXITSTATUS(status) == JT_EXIT_LIBS) {
		printf("verdict: allowed, but the program cannot start: a "
		       "library is missing in the jail\n");
		return JT_EXIT_LIBS;
	}
	for (int r = R_NONE + 1; r < R_COUNT; r++)
		if (reason_exit_code((enum reason)r) == WEXITSTATUS(status))
			return verdict((enum reason)r);
	return verdict(WEXITSTATUS(status) == 0 ? R_NONE : R_INTERNAL);
}

static int usage(void)
{
	jt_error("usage: explain [--remote-addr ADDR] URL-PATH (the PATH_INFO "
		 "after the wrapper, e.g. /~alice/report.pl/x, a ?query "
		 "allowed)");
	return JT_EXIT_USAGE;
}

int cmd_explain(struct jt *jt, int argc, char **argv)
{
	static struct state st;
	static char pi[8192];
	const char *addr = NULL, *q = NULL;
	char *qmark;
	enum reason r;
	pid_t pid;

	if (argc == 3 && strcmp(argv[0], "--remote-addr") == 0) {
		addr = argv[1];
		argv += 2;
		argc -= 2;
	}
	if (argc != 1 || !jt_copy(pi, sizeof(pi), argv[0]))
		return usage();
	qmark = strchr(pi, '?');
	if (qmark != NULL) {
		q = qmark + 1;
		*qmark = '\0';
	}
	st.policy = &jt->policy;
	st.jail_fd = st.log_fd = st.rusage_fd = st.dir_fd = -1;
	r = on_host(&st, pi[0] ? pi : NULL, q, addr);
	if (r != R_NONE)
		return verdict(r);
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		explain_in_jail(&st);
	if (pid < 0)
		return verdict(R_INTERNAL);
	return child_verdict(pid);
}
