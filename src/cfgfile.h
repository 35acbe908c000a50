/* Reading root-owned configuration files on the host (spec 7.2, D4). */
#ifndef CGIWRAP_CFGFILE_H
#define CGIWRAP_CFGFILE_H

#include <stdbool.h>
#include <stddef.h>
#include "reason.h"

#define CFGFILE_MAX (1024 * 1024)

/*
 * Read path into buf (cap bytes) after checking that it is a regular file
 * and that it and its directory are owned by root and not writable by group
 * or others.  An absent file is R_NONE with *exists false.  Otherwise
 * R_UNSAFE_CONFIG, R_CONFIG_UNREADABLE or R_CONFIG_MALFORMED (too big).
 */
enum reason cfgfile_read(const char *path, char *buf, size_t cap,
			 size_t *len, bool *exists)
	__attribute__((warn_unused_result));

#endif
