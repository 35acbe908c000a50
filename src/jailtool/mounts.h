/* The mount table (/proc/self/mountinfo) as seen by this process. */
#ifndef CGIWRAP_JT_MOUNTS_H
#define CGIWRAP_JT_MOUNTS_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

struct mnt {
	char point[PATH_MAX];	/* mount point, escapes decoded */
	char root[PATH_MAX];	/* the mounted subtree of its filesystem */
	char opts[512];		/* per-mount options: "ro,nosuid,nodev,..." */
	char fstype[64];
};

/*
 * The mounts at or below top (whole components), in table order (a mount
 * comes after the one it is mounted on).  *out is malloc'ed; the count is
 * returned (0 with *out NULL when none or on error).
 */
size_t mounts_under(const char *top, struct mnt **out);

/* Whether the per-mount options list opt ("nosuid") exactly. */
bool mnt_has_opt(const struct mnt *m, const char *opt);

#endif
