/* Step 5: the target user, resolved on the host through NSS, and user policy. */
#ifndef CGIWRAP_LOOKUP_H
#define CGIWRAP_LOOKUP_H

#include <stdbool.h>
#include "reason.h"
#include "state.h"
#include "target.h"

/*
 * Resolve name: passwd entry and the full group list (getgrouplist; only
 * the primary group unless all_groups), all before chroot (D4, A9).  R_NONE, R_UNKNOWN_USER, or R_INTERNAL (a field too
 * long, more groups than the kernel allows).
 */
enum reason lookup_target(const char *name, bool all_groups, struct target *t)
	__attribute__((warn_unused_result));

/* The user checks of spec 7.1 in order, reading files as root on the host. */
void lookup_check_user(struct state *st);

#endif
