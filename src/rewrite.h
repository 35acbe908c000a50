/* The rewrite file (pure): a user's base directory from "user:path" lines. */
#ifndef CGIWRAP_REWRITE_H
#define CGIWRAP_REWRITE_H

#include <stdbool.h>
#include <stddef.h>
#include "reason.h"

/* A cap this large always holds a path (lines are at most 4096 bytes). */
#define REWRITE_MAX_PATH 4096

/*
 * The base directory for user from a rewrite file text (spec 7.4).  Lines
 * "user:path" with the line rules of spec 7.2 (acl_next_entry: blank and
 * '#' lines are comments, blanks around an entry and a trailing "# ..."
 * ignored, no blank inside it).  The first line whose entry begins with
 * exactly "<user>:" gives the path, used as given; later lines for the same
 * user are ignored.  The whole text is read first: any line that is not
 * "name:path" with a non-empty name and a clean path is R_CONFIG_MALFORMED
 * with *bad_line its 1-based number (bad_line may be NULL).  A clean path is
 * absolute with no empty, "." or ".." component, so neither "/" nor a
 * trailing '/' is allowed.  A user's path that does not fit cap bytes with
 * its NUL is malformed too (a cap of REWRITE_MAX_PATH never is).
 * R_NONE: *found tells whether a line matched and out holds the path, or
 * "".  user NULL, empty or holding ':', out or found NULL, cap 0, or text
 * NULL with len > 0: R_INTERNAL.  On any result but R_NONE out is "" and
 * *found false.
 */
enum reason rewrite_lookup(const char *text, size_t len, const char *user,
			   char *out, size_t cap, bool *found,
			   size_t *bad_line)
	__attribute__((warn_unused_result));

#endif
