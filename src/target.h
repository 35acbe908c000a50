/* The target user as resolved on the host (plain data, no functions). */
#ifndef CGIWRAP_TARGET_H
#define CGIWRAP_TARGET_H

#include <stddef.h>
#include <sys/types.h>
#include "request.h"

#define TARGET_MAX_PATH 4096
#define TARGET_MAX_GROUPS 65536

struct target {
	char name[REQUEST_MAX_USER + 1];
	uid_t uid;
	gid_t gid;			/* primary group */
	char home[TARGET_MAX_PATH];
	char shell[TARGET_MAX_PATH];
	size_t n_groups;		/* groups[0..n_groups) incl. the primary gid */
	gid_t groups[TARGET_MAX_GROUPS];
};

#endif
