/* Copying host paths into the jail at the same path (the jail's model). */
#ifndef CGIWRAP_JT_MIRROR_H
#define CGIWRAP_JT_MIRROR_H

#include <stdbool.h>
#include <stddef.h>
#include "jt.h"

/*
 * Make host path exist in the jail at the same path: each directory on the
 * way created (root-owned, the host's mode without group/other write),
 * each host symlink recreated with the same target and followed, and the
 * final object created: a directory (empty), or a regular file copied with
 * its mtime, root-owned, setuid, setgid and group/other write removed.  A
 * file already there with the same size and mtime is kept.  Nothing in
 * the jail is followed: a jail entry of another type than the host's is an
 * error.  final (cap bytes): the host path with every symlink resolved.
 */
bool mirror_path(struct jt *jt, const char *path, char *final, size_t cap);

/*
 * The same, but path is a directory that need not exist on the host (a
 * mount point for a user's home): missing directories are created 0755.
 * Returns an O_PATH descriptor of it in the jail, or -1.
 */
int mirror_dir(struct jt *jt, const char *path);

/*
 * How many files, symlinks and directories the calls above have created
 * or replaced in the jail so far (a count that only grows).
 */
unsigned long mirror_changes(void);

/* Called for every regular file mirror_tree copies (its host path). */
typedef bool (*mirror_file_fn)(struct jt *jt, const char *path, void *ctx);

/* Whether a directory entry (its name) is left out of a tree. */
typedef bool (*mirror_skip_fn)(const char *name);

/*
 * mirror_path of dir and everything below it (symlinked dirs followed),
 * except entries skip (may be NULL) names.
 */
bool mirror_tree(struct jt *jt, const char *dir, mirror_skip_fn skip,
		 mirror_file_fn fn, void *ctx);

#endif
