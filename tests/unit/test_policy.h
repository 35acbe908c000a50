/* A default policy for unit tests: the spec's defaults, no jail. */
#ifndef CGIWRAP_TEST_POLICY_H
#define CGIWRAP_TEST_POLICY_H

#include "policy.h"

static inline struct policy test_policy(void)
{
	struct policy p = {
		.version = "test",
		.httpd_user = "www-data",
		.check_httpd_user = true,
		.cgi_dir = "public_html/cgi-bin",
		.min_uid = 100,
		.charset = "utf-8",
		.strict_names = true,
		.script_subdirs = true,
		.check_owner = true,
		.check_group = true,
		.check_setuid = true,
		.check_setgid = true,
		.check_group_writable = true,
		.check_world_writable = true,
		.check_symlink = true,
		.nph = true,
		.redirect_stderr = true,
		.initgroups = true,
		.setgroups = true,
		.setenv_path = "/usr/local/bin:/usr/bin:/bin",
		.umask = 022,
	};
	return p;
}

#endif
