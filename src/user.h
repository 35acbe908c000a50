/* User policy (pure): id minimums, login shell, allow/deny access files. */
#ifndef CGIWRAP_USER_H
#define CGIWRAP_USER_H

#include <stdbool.h>
#include <stddef.h>
#include "policy.h"
#include "reason.h"
#include "target.h"

/* uid >= min_uid and uid != 0: R_NONE, else R_UID_BELOW_MINIMUM. */
enum reason user_check_uid(const struct target *t, const struct policy *p)
	__attribute__((warn_unused_result));
/* primary gid != 0 and >= min_gid when set: R_NONE, else R_GID_BELOW_MINIMUM. */
enum reason user_check_gid(const struct target *t, const struct policy *p)
	__attribute__((warn_unused_result));
/* every group != 0 and >= min_gid when set: R_NONE, else R_SUPP_GID_BELOW_MINIMUM. */
enum reason user_check_groups(const struct target *t, const struct policy *p)
	__attribute__((warn_unused_result));

/*
 * Whether shell appears as a whole line of an /etc/shells text (exact
 * compare; blank and '#' lines ignored; an empty shell never matches).
 */
bool user_shell_listed(const char *text, size_t len, const char *shell);

enum acl_result { ACL_NO_MATCH, ACL_MATCH, ACL_MALFORMED };

/*
 * Whether user is listed in an allow/deny file text (spec 7.2, core form:
 * one user name per entry; '@' and '+@' entries are malformed until the
 * host-checking and netgroup options exist).  On ACL_MALFORMED *bad_line is
 * the 1-based line number.
 */
enum acl_result acl_match(const char *text, size_t len, const char *user,
			  size_t *bad_line)
	__attribute__((warn_unused_result));

/*
 * The access decision from the two files (spec 7.3): neither exists:
 * R_ACCESS_FILES_MISSING; allow exists and did not match, or deny exists
 * and matched: R_ACCESS_DENIED; otherwise R_NONE.  A malformed file is
 * R_CONFIG_MALFORMED.
 */
enum reason acl_decide(bool allow_exists, enum acl_result allow,
		       bool deny_exists, enum acl_result deny)
	__attribute__((warn_unused_result));

#endif
