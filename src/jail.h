/* The chroot jail: checked on the host (D10, D15), then entered (step 6). */
#ifndef CGIWRAP_JAIL_H
#define CGIWRAP_JAIL_H

#include "reason.h"
#include "state.h"

/*
 * The jail and each ancestor from '/' must be a directory (no symlink) owned
 * by root and not writable by group or others, and <jail>/proc must not be
 * a procfs.  Keeps a descriptor of the jail in st->jail_fd.  R_NONE,
 * R_UNSAFE_JAIL, or R_JAIL_NOT_READONLY when the build requires a read-only
 * jail top and it is not.
 */
enum reason jail_check(struct state *st)
	__attribute__((warn_unused_result));

/* fchdir to the checked jail, chroot("."), chdir("/"): R_NONE or R_CHROOT_FAILED. */
enum reason jail_enter(struct state *st)
	__attribute__((warn_unused_result));

#endif
