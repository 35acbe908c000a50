/* Script path policy (pure): components, directories, the script file, argv[0]. */
#ifndef CGIWRAP_SCRIPT_H
#define CGIWRAP_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include "policy.h"
#include "reason.h"
#include "request.h"
#include "target.h"

/*
 * The next component of the candidate s[0..len) starting at *pos: sets
 * *comp to the bytes up to the next '/' (or the end) and advances *pos past
 * that '/'.  Returns false when *pos == len (nothing left).  An empty
 * component (from "//") is returned as a zero-length comp.
 */
bool script_next_component(const char *s, size_t len, size_t *pos,
			   struct span *comp);

/*
 * Checks on one component's name before any lookup (spec 7.5 rows 1-2 and
 * D13): empty, "." or "..": R_BAD_PATH_COMPONENT; with strict names a byte
 * that is not printable ASCII or is a blank: R_STRICT_NAME; a leading '.':
 * R_HIDDEN_COMPONENT.  R_NONE otherwise.
 */
enum reason script_check_name(struct span comp, const struct policy *p)
	__attribute__((warn_unused_result));

/*
 * Checks on a directory met by the walk (rows 5-7); is_base is true for the
 * base directory itself (only row 7 applies).  name is the component.
 */
enum reason script_check_dir(const struct stat *st, struct span name,
			     bool is_base, const struct target *t,
			     const struct policy *p)
	__attribute__((warn_unused_result));

/*
 * Checks on the file the walk ended on (rows 8-13), in the spec's order.
 * interpreted: the script runs through an interpreter (no execute bit needed).
 */
enum reason script_check_file(const struct stat *st, bool interpreted,
			      const struct target *t, const struct policy *p)
	__attribute__((warn_unused_result));

/*
 * The same for a script found in the multiuser directory (spec 4.5): the
 * owner may be root or the target, and the group is not checked.
 */
enum reason script_check_shared_file(const struct stat *st, bool interpreted,
				     const struct target *t,
				     const struct policy *p)
	__attribute__((warn_unused_result));

enum script_interp { INTERP_NONE, INTERP_PHP, INTERP_ERUBY, INTERP_ASP };

/*
 * Which interpreter runs the script name (spec 4.6): in php_mode (a php-
 * name) PHP for every script; otherwise by suffix, case-insensitive, first
 * match: .php .php3 .php4 .php5 .php6 .php7 .phtml (php-interpreter),
 * .rhtml (eruby-interpreter), .asp (asp-interpreter).  Under php- or
 * asp-nonexec-only an owner-executable script chosen by its suffix runs
 * directly (INTERP_NONE); php_mode is not affected.  An interpreter the
 * build has no path for is never chosen.
 */
enum script_interp script_interpreter(const char *name, bool php_mode,
				      mode_t mode, const struct policy *p)
	__attribute__((warn_unused_result));

/* The configured path of interpreter i, or NULL for INTERP_NONE. */
const char *script_interpreter_path(enum script_interp i,
				    const struct policy *p);

/*
 * argv[0] for a direct exec (spec 4.7): the relative path minus its first
 * (number of '/' - 1) components, keeping the following '/':
 * "x.cgi" -> "x.cgi", "sub/x.cgi" -> "sub/x.cgi", "a/b/x.cgi" -> "/b/x.cgi".
 * Returns a pointer into rel.
 */
const char *script_argv0(const char *rel);

#endif
