/* Finding the shared libraries an ELF object loads, as the loader would. */
#ifndef CGIWRAP_JT_DEPS_H
#define CGIWRAP_JT_DEPS_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include "elf.h"

#define DEPS_MAX_DIRS 64
#define DEPS_DIR_MAX 512

/* Where the loader looks, in one root (the host, or a jail). */
struct deps_search {
	int root_fd;			/* -1: this process's root; else a jail */
	size_t n_conf;			/* directories from /etc/ld.so.conf(.d) */
	char conf[DEPS_MAX_DIRS][DEPS_DIR_MAX];
};

/*
 * The search directories of a root: /etc/ld.so.conf and its includes
 * (root_path "" for the host, the jail's path for a jail; root_fd as for
 * jt_open_in).
 */
void deps_init(struct deps_search *s, int root_fd, const char *root_path);

/*
 * Where the loader finds library name for the object at obj_path (info
 * read from it): a name with '/' as is; else DT_RPATH (when there is no
 * DT_RUNPATH), DT_RUNPATH, the ld.so.conf directories, then
 * /lib/x86_64-linux-gnu, /usr/lib/x86_64-linux-gnu, /lib, /usr/lib.  $ORIGIN
 * is the directory of obj_path.  Only a file of the same ELF class and
 * machine counts.  The path (inside the root) to out; false if none.
 * *from_conf tells whether an ld.so.conf directory found it.
 */
bool deps_find(const struct deps_search *s, const struct elf_info *needer,
	       const char *obj_path, const char *name, char *out, size_t cap,
	       bool *from_conf);

/* Whether path exists in the root as something that can be opened. */
bool deps_exists(const struct deps_search *s, const char *path);

#endif
