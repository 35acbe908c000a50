/* User policy (pure): id minimums, login shell, allow/deny access files. */
#ifndef CGIWRAP_USER_H
#define CGIWRAP_USER_H

#include <stdbool.h>
#include <stddef.h>
#include "policy.h"
#include "reason.h"
#include "request.h"
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

enum acl_result { ACL_NO_MATCH, ACL_MATCH, ACL_MALFORMED };

/* What one line of a text in the spec 7.2 line format holds. */
enum acl_line {
	ACL_LINE_END, ACL_LINE_BLANK, ACL_LINE_ENTRY, ACL_LINE_MALFORMED
};

/*
 * Read the line at *pos of a text in the line format of spec 7.2 (shared by
 * the allow/deny, vhost and rewrite files) and advance *pos past it.  Lines
 * end in LF, a CR just before it ignored.  ACL_LINE_END: no line left.
 * ACL_LINE_MALFORMED: over 4096 bytes (CR LF not counted), a NUL or control
 * byte other than tab, a second word that does not start a '#' comment, or
 * text NULL with len > 0.  ACL_LINE_BLANK: blank or '#' line.
 * ACL_LINE_ENTRY: *entry is the line's one word (non-empty, no blanks,
 * pointing into text); it is {NULL, 0} for every other result.
 */
enum acl_line acl_next_entry(const char *text, size_t len, size_t *pos,
			     struct span *entry)
	__attribute__((warn_unused_result));

/*
 * The login shell against an /etc/shells text, read by the line rules of
 * acl_next_entry: R_NONE when shell equals an entry (exact compare; an empty
 * or NULL shell never does), R_SHELL_NOT_ALLOWED when none does, and
 * R_CONFIG_MALFORMED, with the 1-based line in *bad_line, when a line is
 * malformed (a corrupt file lists nothing: it is a configuration error,
 * not a refusal of the user).  *bad_line is 0 unless malformed.
 */
enum reason user_check_shell(const char *text, size_t len, const char *shell,
			     size_t *bad_line)
	__attribute__((warn_unused_result));

/*
 * Who asks, for acl_match_ex.  in_netgroup answers innetgr(netgroup, NULL,
 * user, NULL) for the system layer; the pure code only parses and calls it.
 */
struct acl_query {
	const char *user;		/* the target user's name */
	const char *remote_addr;	/* REMOTE_ADDR, or NULL */
	bool host_checking;		/* "who@spec,..." entries allowed */
	bool netgroups;			/* "+@netgroup" entries allowed */
	bool (*in_netgroup)(const char *netgroup, const char *user,
			    void *ctx);
	void *ctx;			/* passed to in_netgroup */
};

/*
 * Whether q's user (and address) is listed in an allow/deny file text
 * (spec 7.2).  Entries: "name" (exact, case-sensitive); "+@netgroup" (only
 * with q->netgroups, else malformed; in_netgroup is not called again once
 * the text has matched); "who@spec[,spec...]" (only with q->host_checking,
 * else malformed) where who is a user name or "*" and a spec is a.b.c.d,
 * a.b.c.d/m.m.m.m (contiguous mask), a.b.c.d/N (0-32), an IPv6 address or
 * ipv6/N (0-128).  A spec matches when (spec & mask) == (addr & mask);
 * IPv4 specs match IPv4 clients and IPv4-mapped clients ::ffff:a.b.c.d,
 * IPv6 specs IPv6 clients only.  The whole text is read: a bad line
 * anywhere gives ACL_MALFORMED with *bad_line its 1-based number.  A
 * query that cannot be answered (q or q->user NULL; host_checking without
 * a valid remote_addr; netgroups without in_netgroup; text NULL with
 * len > 0) is ACL_MALFORMED with *bad_line 0.  bad_line may be NULL.
 */
enum acl_result acl_match_ex(const char *text, size_t len,
			     const struct acl_query *q, size_t *bad_line)
	__attribute__((warn_unused_result));

/*
 * acl_match_ex for user alone: no host checking, no netgroups ('@' and
 * '+@' entries are malformed).
 */
enum acl_result acl_match(const char *text, size_t len, const char *user,
			  size_t *bad_line)
	__attribute__((warn_unused_result));

/*
 * Whether addr is an IPv4 address (strict dotted quad: four decimal octets
 * 0-255, no leading zeros) or an IPv6 address (RFC 4291 text: eight groups
 * of 1-4 hex digits, one "::" allowed, an IPv4 tail allowed; no zone id):
 * spec 7.1 row 1.  NULL is not.
 */
bool user_remote_addr_valid(const char *addr);

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
