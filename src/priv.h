/* Dropping privileges, and proving they are gone (D8). */
#ifndef CGIWRAP_PRIV_H
#define CGIWRAP_PRIV_H

#include <stdbool.h>
#include "reason.h"
#include "target.h"

/*
 * Become the target for good: empty the capability bounding set when
 * no_new_privs is on, setgroups(list), setresgid, setresuid, then verify
 * the real, effective and saved ids, the group list, and that root cannot
 * be regained.  R_NONE or R_PRIVILEGE_DROP_FAILED.
 */
enum reason priv_drop(const struct target *t, bool empty_bounding_set)
	__attribute__((warn_unused_result));

/* Become the real (calling) user with no supplementary groups (for -V). */
enum reason priv_become_caller(void)
	__attribute__((warn_unused_result));

/* Set no_new_privs (after the drop): R_NONE or R_PRIVILEGE_DROP_FAILED. */
enum reason priv_no_new_privs(void)
	__attribute__((warn_unused_result));

#endif
