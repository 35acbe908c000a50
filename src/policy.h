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
};

/* The policy this binary was built with. */
const struct policy *policy_compiled(void);

/* The configure name of an rlimit ("cpu", "vmem", ...). */
const char *policy_rlimit_name(enum policy_rlimit_id id);

#endif
