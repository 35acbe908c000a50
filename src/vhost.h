/* Virtual hosts (pure): the vhost name and the path of its access files. */
#ifndef CGIWRAP_VHOST_H
#define CGIWRAP_VHOST_H

#include <stdbool.h>
#include <stddef.h>
#include "reason.h"

#define VHOST_MAX_NAME 255

/*
 * The vhost name of spec 7.3: override_value (CGIWRAP_AUTH_VHOST) when
 * override_on and it is non-empty, else http_host (HTTP_HOST); either may
 * be NULL.  Neither set nor non-empty: R_NO_VHOST.  The name is lowercased
 * (A-Z only), a ":port" suffix kept, and must be 1-255 bytes of
 * a-z 0-9 . - _ : [ ] not starting with '.', else R_BAD_VHOST.  On R_NONE
 * out holds the name; on any other result out is "".
 */
enum reason vhost_name(const char *override_value, bool override_on,
		       const char *http_host, char out[VHOST_MAX_NAME + 1])
	__attribute__((warn_unused_result));

/*
 * The path of name's file in dir: dir + '/' + name (no second '/' when dir
 * ends in one).  dir must be absolute and name a name vhost_name gives
 * (re-checked: else R_BAD_VHOST).  NULL arguments, a relative dir, or a
 * result that does not fit cap bytes with its NUL: R_INTERNAL.  On any
 * result but R_NONE out is "" (when cap > 0).
 */
enum reason vhost_path(const char *dir, const char *name, char *out,
		       size_t cap)
	__attribute__((warn_unused_result));

#endif
