/* Parsing the request (pure): which user, which script candidate. */
#ifndef CGIWRAP_REQUEST_H
#define CGIWRAP_REQUEST_H

#include <stdbool.h>
#include <stddef.h>
#include "reason.h"

#define REQUEST_MAX_USER 256

/* A slice of a caller-owned string; not NUL-terminated. */
struct span {
	const char *p;
	size_t len;
};

/*
 * The target user named by PATH_INFO (first component, leading '/'s skipped)
 * or else by the query's exact "user" key; one leading '~' dropped.
 * Writes the NUL-terminated name to out.  Returns R_NONE, R_NO_USER (empty or
 * absent) or R_UNKNOWN_USER (over REQUEST_MAX_USER bytes, or a control byte,
 * blank, '/' or ':'; refused without any lookup).  Either input may be NULL.
 */
enum reason request_user(const char *path_info, const char *query,
			 char out[REQUEST_MAX_USER + 1])
	__attribute__((warn_unused_result));

/*
 * The script candidate: the rest of PATH_INFO after the user with leading
 * '/'s skipped, or if that is empty the query's exact "script" value (leading
 * '/'s skipped too).  *from_query tells which.  R_NONE or R_NO_SCRIPT.
 */
enum reason request_script(const char *path_info, const char *query,
			   struct span *candidate, bool *from_query)
	__attribute__((warn_unused_result));

/*
 * The value of the first '&'-separated token of query whose key is exactly
 * key (tokens without '=' skipped; no percent-decoding).  false if none.
 */
bool request_query_value(const char *query, const char *key, struct span *value);

#endif
