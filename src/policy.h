/* The compiled policy: every build-time setting, as one read-only struct. */
#ifndef CGIWRAP_POLICY_H
#define CGIWRAP_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* The rlimits the build can set, in the order they are applied. */
enum policy_rlimit_id {
	PL_CPU, PL_AS, PL_FSIZE, PL_DATA, PL_STACK, PL_CORE, PL_RSS,
	PL_NPROC, PL_NOFILE, PL_MEMLOCK, PL_RLIMIT_COUNT
};

struct policy_rlimit {
	bool set;		/* configured at all */
	unsigned long long value;
};

struct policy {
	const char *version;
	const char *httpd_user;		/* name; resolved at run time */
	bool check_httpd_user;
	const char *chroot;		/* absolute path, or NULL: no jail */
	const char *cgi_dir;		/* relative to the home directory */
	unsigned long min_uid;
	bool has_min_gid;
	unsigned long min_gid;
	const char *logging_file;	/* NULL: no file */
	const char *syslog_label;	/* NULL: no syslog (see log.c for the default) */
	bool quiet_errors;
	const char *charset;
	bool strict_names;
	bool script_subdirs;
	bool check_owner;
	bool check_group;
	bool check_setuid;
	bool check_setgid;
	bool check_group_writable;
	bool check_world_writable;
	bool check_symlink;		/* informational: symlinks are always refused */
	bool block_svn_paths;
	bool block_cvs_paths;
	bool cgiwrapd;			/* debug names built in */
	bool nph;			/* nph- names honoured */
	bool redirect_stderr;
	bool auto_setenv_home;
	bool check_shell;
	bool initgroups;
	bool setgroups;
	const char *allow_file;		/* NULL: not configured */
	const char *deny_file;
	const char *setenv_path;	/* never NULL */
	const char *setenv_tz;		/* NULL: not set */
	const char *setenv_ld_library_path;
	const char *const *pass_env;	/* --with-pass-env names */
	size_t n_pass_env;
	mode_t umask;
	bool no_new_privs;
	bool soft_rlimit_only;
	struct policy_rlimit rlimit[PL_RLIMIT_COUNT];
	bool chroot_require_mounts;
	bool chroot_require_ro_root;
	bool use_redirect_url;		/* SCRIPT_NAME = REDIRECT_URL (5.2) */
	bool use_script_url;		/* SCRIPT_NAME = SCRIPT_URL (5.2) */
	bool path_translated_2;		/* PATH_TRANSLATED = script + extra */
	/* The site block of error pages (9.2); NULL or "": not shown. */
	const char *local_contact_name;
	const char *local_contact_email;
	const char *local_contact_phone;
	const char *local_contact_url;
	const char *local_site_url;
	const char *local_doc_url;
	/* Access control beyond the global allow/deny pair (7.1, 7.3). */
	bool host_checking;		/* user@addr entries; REMOTE_ADDR required */
	bool allow_deny_netgroups;	/* +@netgroup entries */
	const char *vhost_allow_dir;	/* files <dir>/<vhost>; NULL: off */
	const char *vhost_deny_dir;
	bool vhost_override;		/* CGIWRAP_AUTH_VHOST names the vhost */
	bool env_require_user;		/* CGIWRAP_REQUIRE_USER must match */
	bool require_redirect_url;	/* REDIRECT_URL must be non-empty */
	/* Where scripts are (4.4, 4.5, 7.4). */
	const char *multiuser_cgi_dir;	/* absolute; NULL: off */
	const char *rewrite_file;	/* user:path lines; NULL: off */
	/* Interpreters by suffix or by the php- names (4.6). */
	const char *php;		/* interpreter path; NULL: none */
	bool php_interpreter;
	bool php_nonexec_only;
	bool php_cgiwrap;		/* php- names honoured */
	const char *eruby;
	bool eruby_interpreter;
	const char *asp;
	bool asp_interpreter;
	bool asp_nonexec_only;
	bool report_rusage;		/* fork, wait, log exit and times (8) */
};

/* The policy this binary was built with. */
const struct policy *policy_compiled(void);

/* The configure name of an rlimit ("cpu", "vmem", ...). */
const char *policy_rlimit_name(enum policy_rlimit_id id);

#endif
