/* The wrapper's own process: hygiene at entry, invocation, caller, limits. */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <unistd.h>

#include "fail.h"
#include "log.h"
#include "priv.h"
#include "proc.h"

extern char **environ;

static const int rlimit_resource[PL_RLIMIT_COUNT] = {
	[PL_CPU] = RLIMIT_CPU, [PL_AS] = RLIMIT_AS, [PL_FSIZE] = RLIMIT_FSIZE,
	[PL_DATA] = RLIMIT_DATA, [PL_STACK] = RLIMIT_STACK,
	[PL_CORE] = RLIMIT_CORE, [PL_RSS] = RLIMIT_RSS,
	[PL_NPROC] = RLIMIT_NPROC, [PL_NOFILE] = RLIMIT_NOFILE,
	[PL_MEMLOCK] = RLIMIT_MEMLOCK,
};

/* A closed 0, 1 or 2 would let a later open() land there (A6). */
static void open_std_fds(void)
{
	for (int fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			continue;
		if (open("/dev/null", O_RDWR | O_NOCTTY) != fd)
			_exit(reason_exit_code(R_INTERNAL));
	}
}

static void close_other_fds(void)
{
	struct rlimit rl;

	if (close_range(3, ~0U, 0) == 0)
		return;
	if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_max > 1048576)
		rl.rlim_max = 1048576;
	for (unsigned int fd = 3; fd < rl.rlim_max; fd++)
		(void)close((int)fd);
}

/* False if the process could not be made non-dumpable (A15). */
static bool quiet_process(void)
{
	static const struct itimerval off;
	struct rlimit rl;
	bool undumpable;

	/*
	 * No core of a privileged process (A15), whatever the caller set.
	 * The soft limit is what the kernel obeys; the hard one is kept, so a
	 * configured --with-rlimit-core stays reachable without
	 * CAP_SYS_RESOURCE.
	 */
	if (getrlimit(RLIMIT_CORE, &rl) == 0) {
		rl.rlim_cur = 0;
		(void)setrlimit(RLIMIT_CORE, &rl);
	}
	undumpable = prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0;
	/* A timer armed by the caller must not fire mid-check (A14). */
	(void)setitimer(ITIMER_REAL, &off, NULL);
	(void)setitimer(ITIMER_VIRTUAL, &off, NULL);
	(void)setitimer(ITIMER_PROF, &off, NULL);
	/* A write over a caller's file-size limit fails instead of killing us. */
	(void)signal(SIGXFSZ, SIG_IGN);
	/* An unlimited stack invites stack-clash attacks (CVE-2017-1000364). */
	if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur == RLIM_INFINITY) {
		rl.rlim_cur = 8UL * 1024 * 1024;
		(void)setrlimit(RLIMIT_STACK, &rl);
	}
	return undumpable;
}

/*
 * Limits the caller could lower to make the wrapper fail at a point of its
 * choosing (A17): a log write cut short or refused (RLIMIT_FSIZE), the log
 * or a directory not opened (RLIMIT_NOFILE), an allocation refused
 * (RLIMIT_AS, RLIMIT_DATA), SIGXCPU mid-check (RLIMIT_CPU).  The wrapper
 * runs with them as high as it can get them: unlimited as root, else (no
 * CAP_SYS_RESOURCE) the soft limit up to the hard one.  proc_restore_limits
 * gives the script the caller's values back.
 */
static const int own_resource[STATE_OWN_LIMITS] = {
	RLIMIT_FSIZE, RLIMIT_NOFILE, RLIMIT_CPU, RLIMIT_AS, RLIMIT_DATA,
};

static void own_limits(struct state *st)
{
	for (int i = 0; i < STATE_OWN_LIMITS; i++) {
		struct rlimit rl, top = { RLIM_INFINITY, RLIM_INFINITY };

		if (getrlimit(own_resource[i], &rl) != 0)
			continue;
		/* The descriptor limit cannot be unlimited: 1024 will do. */
		if (own_resource[i] == RLIMIT_NOFILE)
			top.rlim_cur = top.rlim_max =
				rl.rlim_max > 1024 ? rl.rlim_max : 1024;
		if (rl.rlim_cur == top.rlim_cur && rl.rlim_max == top.rlim_max)
			continue;
		st->caller_rl[i] = rl;
		if (setrlimit(own_resource[i], &top) == 0) {
			st->caller_rl_changed[i] = true;
			continue;
		}
		top.rlim_cur = top.rlim_max = rl.rlim_max;
		if (rl.rlim_cur != rl.rlim_max &&
		    setrlimit(own_resource[i], &top) == 0)
			st->caller_rl_changed[i] = true;
	}
}

static void take_mode(struct state *st, const char *argv0)
{
	const char *slash = strrchr(argv0, '/');
	const char *base = slash != NULL ? slash + 1 : argv0;

	st->name = base;
	/* The basename decides (W13): a full path must not disable a mode. */
	st->nph = st->policy->nph && strncmp(base, "nph-", 4) == 0;
	st->php_mode = st->policy->php_cgiwrap && st->policy->php != NULL &&
		       strncmp(base, "php-", 4) == 0;
	st->debug = st->policy->cgiwrapd &&
		    (strcmp(base, "cgiwrapd") == 0 ||
		     (st->policy->nph && strcmp(base, "nph-cgiwrapd") == 0) ||
		     (st->php_mode && strcmp(base, "php-cgiwrapd") == 0));
	st->trace.on = st->debug;
}

void proc_start(struct state *st, int argc, char **argv)
{
	static char *empty_env[] = { NULL };
	bool undumpable;

	st->log_fd = -1;
	st->jail_fd = -1;
	st->rusage_fd = -1;
	st->dir_fd = -1;
	st->name = "cgiwrap";
	open_std_fds();
	close_other_fds();
	undumpable = quiet_process();
	own_limits(st);
	/* Kept for the allow-list of step 9; nothing below sees it. */
	st->envp = environ;
	environ = empty_env;
	if (!undumpable)
		fail(st, R_INTERNAL, "PR_SET_DUMPABLE failed");
	/* argc 0 made argv[1] alias envp[0] in PwnKit (CVE-2021-4034). */
	if (argc < 1 || argv == NULL || argv[0] == NULL || argv[0][0] == '\0')
		fail(st, R_BAD_INVOCATION, "argc=%d", argc);
	st->argc = argc;
	st->argv = argv;
	take_mode(st, argv[0]);
}

static bool has_gateway_interface(char **envp)
{
	for (size_t i = 0; envp != NULL && envp[i] != NULL; i++)
		if (strncmp(envp[i], "GATEWAY_INTERFACE=", 18) == 0)
			return true;
	return false;
}

static const char *yes_no(bool b)
{
	return b ? "yes" : "no";
}

static const char *str_or_no(const char *s)
{
	return s != NULL ? s : "no";
}

static void print_switches(const struct policy *p)
{
	const struct { const char *name; bool on; } sw[] = {
		{ "check-httpd-user", p->check_httpd_user },
		{ "quiet-errors", p->quiet_errors },
		{ "strict-names", p->strict_names },
		{ "script-subdirs", p->script_subdirs },
		{ "check-owner", p->check_owner },
		{ "check-group", p->check_group },
		{ "check-setuid", p->check_setuid },
		{ "check-setgid", p->check_setgid },
		{ "check-group-writable", p->check_group_writable },
		{ "check-world-writable", p->check_world_writable },
		{ "check-symlink", p->check_symlink },
		{ "block-svn-paths", p->block_svn_paths },
		{ "block-cvs-paths", p->block_cvs_paths },
		{ "cgiwrapd", p->cgiwrapd },
		{ "nph", p->nph },
		{ "redirect-stderr", p->redirect_stderr },
		{ "auto-setenv-home", p->auto_setenv_home },
		{ "check-shell", p->check_shell },
		{ "initgroups", p->initgroups },
		{ "setgroups", p->setgroups },
		{ "no-new-privs", p->no_new_privs },
		{ "soft-rlimit-only", p->soft_rlimit_only },
		{ "chroot-require-mounts", p->chroot_require_mounts },
		{ "chroot-require-ro-root", p->chroot_require_ro_root },
		{ "host-checking", p->host_checking },
		{ "allow-deny-netgroups", p->allow_deny_netgroups },
		{ "vhost-override", p->vhost_override },
		{ "env-require-user", p->env_require_user },
		{ "require-redirect-url", p->require_redirect_url },
		{ "use-redirect-url", p->use_redirect_url },
		{ "use-script-url", p->use_script_url },
		{ "path_translated-2", p->path_translated_2 },
		{ "php-interpreter", p->php_interpreter },
		{ "php-nonexec-only", p->php_nonexec_only },
		{ "php-cgiwrap", p->php_cgiwrap },
		{ "eruby-interpreter", p->eruby_interpreter },
		{ "asp-interpreter", p->asp_interpreter },
		{ "asp-nonexec-only", p->asp_nonexec_only },
		{ "report-rusage", p->report_rusage },
	};

	for (size_t i = 0; i < sizeof(sw) / sizeof(sw[0]); i++)
		printf("%s=%s\n", sw[i].name, yes_no(sw[i].on));
}

static void print_settings(const struct policy *p)
{
	printf("version=%s\nhttpd-user=%s\nchroot=%s\ncgi-dir=%s\n", p->version,
	       p->httpd_user, str_or_no(p->chroot), p->cgi_dir);
	printf("minimum-uid=%lu\n", p->min_uid);
	if (p->has_min_gid)
		printf("minimum-gid=%lu\n", p->min_gid);
	else
		printf("minimum-gid=no\n");
	printf("logging-file=%s\nlogging-syslog=%s\ncharset=%s\n",
	       str_or_no(p->logging_file), str_or_no(p->syslog_label),
	       p->charset);
	printf("allow-file=%s\ndeny-file=%s\n", str_or_no(p->allow_file),
	       str_or_no(p->deny_file));
	printf("setenv-path=%s\nsetenv-tz=%s\nsetenv-ld_library_path=%s\n",
	       p->setenv_path, str_or_no(p->setenv_tz),
	       str_or_no(p->setenv_ld_library_path));
	printf("pass-env=");
	for (size_t i = 0; i < p->n_pass_env; i++)
		printf("%s%s", i ? "," : "", p->pass_env[i]);
	printf("%s\numask=%03o\n", p->n_pass_env ? "" : "no",
	       (unsigned int)p->umask);
	printf("vhost-allow-dir=%s\nvhost-deny-dir=%s\n",
	       str_or_no(p->vhost_allow_dir), str_or_no(p->vhost_deny_dir));
	printf("multiuser-cgi-dir=%s\nrewrite=%s\n",
	       str_or_no(p->multiuser_cgi_dir), str_or_no(p->rewrite_file));
	printf("php=%s\neruby=%s\nasp=%s\n", str_or_no(p->php),
	       str_or_no(p->eruby), str_or_no(p->asp));
	printf("local-contact-name=%s\nlocal-contact-email=%s\n"
	       "local-contact-phone=%s\nlocal-contact-url=%s\n"
	       "local-site-url=%s\nlocal-doc-url=%s\n",
	       str_or_no(p->local_contact_name),
	       str_or_no(p->local_contact_email),
	       str_or_no(p->local_contact_phone),
	       str_or_no(p->local_contact_url), str_or_no(p->local_site_url),
	       str_or_no(p->local_doc_url));
	print_switches(p);
	for (int i = 0; i < PL_RLIMIT_COUNT; i++) {
		if (p->rlimit[i].set)
			printf("rlimit-%s=%llu\n",
			       policy_rlimit_name((enum policy_rlimit_id)i),
			       p->rlimit[i].value);
		else
			printf("rlimit-%s=no\n",
			       policy_rlimit_name((enum policy_rlimit_id)i));
	}
}

void proc_settings(struct state *st)
{
	const struct policy *p = st->policy;
	struct passwd *pw;
	uid_t ruid = getuid();

	if (st->argc < 2 || strcmp(st->argv[1], "-V") != 0 ||
	    has_gateway_interface(st->envp))
		return;
	pw = getpwnam(p->httpd_user);
	if (ruid != 0 && (pw == NULL || pw->pw_uid != ruid)) {
		dprintf(STDERR_FILENO, "cgiwrap: -V is for root and %s only\n",
			p->httpd_user);
		_exit(reason_exit_code(R_WRONG_CALLER));
	}
	/* Nothing privileged is needed to print: become the caller first. */
	if (priv_become_caller() != R_NONE)
		_exit(reason_exit_code(R_PRIVILEGE_DROP_FAILED));
	print_settings(p);
	_exit(fflush(stdout) == 0 ? 0 : reason_exit_code(R_INTERNAL));
}

void proc_check_caller(struct state *st)
{
	const struct policy *p = st->policy;
	struct passwd *pw;

	if (p->redirect_stderr)
		(void)dup2(STDOUT_FILENO, STDERR_FILENO);
	log_open_syslog(st);
	errno = 0;
	pw = getpwnam(p->httpd_user);
	if (pw == NULL)
		fail(st, R_HTTPD_USER_UNKNOWN, "httpd_user=%s", p->httpd_user);
	/* Off: only the install group can start us at all (D16). */
	if (p->check_httpd_user && getuid() != pw->pw_uid)
		fail(st, R_WRONG_CALLER, "caller_uid=%lu expected=%lu",
		     (unsigned long)getuid(), (unsigned long)pw->pw_uid);
	/* A caller with no_new_privs set runs us without euid 0 (A20). */
	if (geteuid() != 0)
		fail(st, R_NOT_SETUID, "euid=%lu", (unsigned long)geteuid());
	trace_add(&st->trace, "caller: uid=%lu ok, setuid root ok",
		  (unsigned long)getuid());
}

void proc_raise_limits(struct state *st)
{
	const struct policy *p = st->policy;
	struct rlimit rl;

	for (int i = 0; i < PL_RLIMIT_COUNT; i++) {
		rlim_t want = (rlim_t)p->rlimit[i].value;

		if (!p->rlimit[i].set)
			continue;
		if (getrlimit(rlimit_resource[i], &rl) != 0)
			fail(st, R_INTERNAL, "getrlimit %s: %m",
			     policy_rlimit_name((enum policy_rlimit_id)i));
		if (p->soft_rlimit_only || rl.rlim_max == RLIM_INFINITY ||
		    rl.rlim_max >= want)
			continue;
		/* Never run with limits the caller chose instead of ours. */
		rl.rlim_max = want;
		if (rl.rlim_cur > want)
			rl.rlim_cur = want;
		if (setrlimit(rlimit_resource[i], &rl) != 0)
			fail(st, R_INTERNAL, "raising the hard rlimit-%s to %llu: %m",
			     policy_rlimit_name((enum policy_rlimit_id)i),
			     p->rlimit[i].value);
	}
}

/* The configured limits, as the target user just before exec (spec 8). */
static bool configured(const struct policy *p, int resource)
{
	for (int i = 0; i < PL_RLIMIT_COUNT; i++)
		if (p->rlimit[i].set && rlimit_resource[i] == resource)
			return true;
	return false;
}

enum reason proc_restore_limits(const struct state *st)
{
	const struct policy *p = st->policy;

	for (int i = 0; i < STATE_OWN_LIMITS; i++) {
		if (!st->caller_rl_changed[i])
			continue;
		/*
		 * A configured limit replaces both values next; only a
		 * soft-rlimit-only build keeps the caller's hard limit.
		 */
		if (configured(p, own_resource[i]) && !p->soft_rlimit_only)
			continue;
		/* Lower than now, or equal: allowed without privilege. */
		if (setrlimit(own_resource[i], &st->caller_rl[i]) != 0)
			return R_INTERNAL;
	}
	return R_NONE;
}

enum reason proc_apply_limits(const struct policy *p)
{
	struct rlimit rl;

	for (int i = 0; i < PL_RLIMIT_COUNT; i++) {
		rlim_t want = (rlim_t)p->rlimit[i].value;

		if (!p->rlimit[i].set)
			continue;
		if (getrlimit(rlimit_resource[i], &rl) != 0)
			return R_INTERNAL;
		rl.rlim_cur = want;
		if (!p->soft_rlimit_only)
			rl.rlim_max = want;
		else if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < want)
			rl.rlim_cur = rl.rlim_max;
		if (setrlimit(rlimit_resource[i], &rl) != 0)
			return R_INTERNAL;
	}
	return R_NONE;
}
