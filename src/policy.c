/*
 * The only file that reads config.h: it turns the configure results into the
 * read-only struct policy every other module receives as a parameter.
 */
#include "config.h"

#include "policy.h"

/* configure writes CW_PASS_ENV_LIST as "NAME", "NAME", (possibly empty) */
#ifndef CW_PASS_ENV_LIST
#define CW_PASS_ENV_LIST
#endif

static const char *const pass_env[] = { CW_PASS_ENV_LIST NULL };

#define RL(v) { true, (v) }

static const struct policy compiled = {
	.version = PACKAGE_VERSION,
	.httpd_user = CW_HTTPD_USER,
	.check_httpd_user = CW_CHECK_HTTPD_USER,
#ifdef CW_CHROOT
	.chroot = CW_CHROOT,
#endif
	.cgi_dir = CW_CGI_DIR,
	.min_uid = CW_MIN_UID,
#ifdef CW_MIN_GID
	.has_min_gid = true,
	.min_gid = CW_MIN_GID,
#endif
#ifdef CW_LOGGING_FILE
	.logging_file = CW_LOGGING_FILE,
#endif
#ifdef CW_LOGGING_SYSLOG
	.syslog_label = CW_LOGGING_SYSLOG,
#endif
	.quiet_errors = CW_QUIET_ERRORS,
	.charset = CW_CHARSET,
	.strict_names = CW_STRICT_NAMES,
	.script_subdirs = CW_SCRIPT_SUBDIRS,
	.check_owner = CW_CHECK_OWNER,
	.check_group = CW_CHECK_GROUP,
	.check_setuid = CW_CHECK_SETUID,
	.check_setgid = CW_CHECK_SETGID,
	.check_group_writable = CW_CHECK_GROUP_WRITABLE,
	.check_world_writable = CW_CHECK_WORLD_WRITABLE,
	.check_symlink = CW_CHECK_SYMLINK,
	.block_svn_paths = CW_BLOCK_SVN_PATHS,
	.block_cvs_paths = CW_BLOCK_CVS_PATHS,
	.cgiwrapd = CW_CGIWRAPD,
	.nph = CW_NPH,
	.redirect_stderr = CW_REDIRECT_STDERR,
	.auto_setenv_home = CW_AUTO_SETENV_HOME,
	.check_shell = CW_CHECK_SHELL,
	.initgroups = CW_INITGROUPS,
	.setgroups = CW_SETGROUPS,
#ifdef CW_ALLOW_FILE
	.allow_file = CW_ALLOW_FILE,
#endif
#ifdef CW_DENY_FILE
	.deny_file = CW_DENY_FILE,
#endif
	.setenv_path = CW_SETENV_PATH,
#ifdef CW_SETENV_TZ
	.setenv_tz = CW_SETENV_TZ,
#endif
#ifdef CW_SETENV_LD_LIBRARY_PATH
	.setenv_ld_library_path = CW_SETENV_LD_LIBRARY_PATH,
#endif
	.pass_env = pass_env,
	.n_pass_env = sizeof(pass_env) / sizeof(pass_env[0]) - 1,
	.umask = CW_UMASK,
	.no_new_privs = CW_NO_NEW_PRIVS,
	.soft_rlimit_only = CW_SOFT_RLIMIT_ONLY,
	.use_redirect_url = CW_USE_REDIRECT_URL,
	.use_script_url = CW_USE_SCRIPT_URL,
	.path_translated_2 = CW_PATH_TRANSLATED_2,
#ifdef CW_LOCAL_CONTACT_NAME
	.local_contact_name = CW_LOCAL_CONTACT_NAME,
#endif
#ifdef CW_LOCAL_CONTACT_EMAIL
	.local_contact_email = CW_LOCAL_CONTACT_EMAIL,
#endif
#ifdef CW_LOCAL_CONTACT_PHONE
	.local_contact_phone = CW_LOCAL_CONTACT_PHONE,
#endif
#ifdef CW_LOCAL_CONTACT_URL
	.local_contact_url = CW_LOCAL_CONTACT_URL,
#endif
#ifdef CW_LOCAL_SITE_URL
	.local_site_url = CW_LOCAL_SITE_URL,
#endif
#ifdef CW_LOCAL_DOC_URL
	.local_doc_url = CW_LOCAL_DOC_URL,
#endif
	.host_checking = CW_HOST_CHECKING,
	.allow_deny_netgroups = CW_ALLOW_DENY_NETGROUPS,
#ifdef CW_VHOST_ALLOW_DIR
	.vhost_allow_dir = CW_VHOST_ALLOW_DIR,
#endif
#ifdef CW_VHOST_DENY_DIR
	.vhost_deny_dir = CW_VHOST_DENY_DIR,
#endif
	.vhost_override = CW_VHOST_OVERRIDE,
	.env_require_user = CW_ENV_REQUIRE_USER,
	.require_redirect_url = CW_REQUIRE_REDIRECT_URL,
#ifdef CW_MULTIUSER_CGI_DIR
	.multiuser_cgi_dir = CW_MULTIUSER_CGI_DIR,
#endif
#ifdef CW_REWRITE_FILE
	.rewrite_file = CW_REWRITE_FILE,
#endif
#ifdef CW_PHP
	.php = CW_PHP,
#endif
	.php_interpreter = CW_PHP_INTERPRETER,
	.php_nonexec_only = CW_PHP_NONEXEC_ONLY,
	.php_cgiwrap = CW_PHP_CGIWRAP,
#ifdef CW_ERUBY
	.eruby = CW_ERUBY,
#endif
	.eruby_interpreter = CW_ERUBY_INTERPRETER,
#ifdef CW_ASP
	.asp = CW_ASP,
#endif
	.asp_interpreter = CW_ASP_INTERPRETER,
	.asp_nonexec_only = CW_ASP_NONEXEC_ONLY,
	.report_rusage = CW_REPORT_RUSAGE,
	.chroot_require_mounts = CW_CHROOT_REQUIRE_MOUNTS,
	.chroot_require_ro_root = CW_CHROOT_REQUIRE_RO_ROOT,
	.rlimit = {
#ifdef CW_RLIMIT_CPU
		[PL_CPU] = RL(CW_RLIMIT_CPU),
#endif
#ifdef CW_RLIMIT_AS
		[PL_AS] = RL(CW_RLIMIT_AS),
#endif
#ifdef CW_RLIMIT_FSIZE
		[PL_FSIZE] = RL(CW_RLIMIT_FSIZE),
#endif
#ifdef CW_RLIMIT_DATA
		[PL_DATA] = RL(CW_RLIMIT_DATA),
#endif
#ifdef CW_RLIMIT_STACK
		[PL_STACK] = RL(CW_RLIMIT_STACK),
#endif
#ifdef CW_RLIMIT_CORE
		[PL_CORE] = RL(CW_RLIMIT_CORE),
#endif
#ifdef CW_RLIMIT_RSS
		[PL_RSS] = RL(CW_RLIMIT_RSS),
#endif
#ifdef CW_RLIMIT_NPROC
		[PL_NPROC] = RL(CW_RLIMIT_NPROC),
#endif
#ifdef CW_RLIMIT_NOFILE
		[PL_NOFILE] = RL(CW_RLIMIT_NOFILE),
#endif
#ifdef CW_RLIMIT_MEMLOCK
		[PL_MEMLOCK] = RL(CW_RLIMIT_MEMLOCK),
#endif
	},
};

const struct policy *policy_compiled(void)
{
	return &compiled;
}

const char *policy_rlimit_name(enum policy_rlimit_id id)
{
	static const char *const names[PL_RLIMIT_COUNT] = {
		[PL_CPU] = "cpu", [PL_AS] = "vmem", [PL_FSIZE] = "fsize",
		[PL_DATA] = "data", [PL_STACK] = "stack", [PL_CORE] = "core",
		[PL_RSS] = "rss", [PL_NPROC] = "nproc", [PL_NOFILE] = "nofile",
		[PL_MEMLOCK] = "memlock",
	};

	if ((int)id < 0 || id >= PL_RLIMIT_COUNT)
		return "unknown";
	return names[id];
}
