/* Step 8: the descriptor walk to the script, as the target user in the jail. */
#ifndef CGIWRAP_SCRIPTFS_H
#define CGIWRAP_SCRIPTFS_H

#include "reason.h"
#include "state.h"

/*
 * Build the base directory path as a string, on the host: the user's line
 * of the rewrite file, else <home>/<cgi-dir>.  R_NONE, a config-file reason
 * (a configured rewrite file must exist), or R_INTERNAL when it does not fit.
 */
enum reason scriptfs_base_path(struct state *st)
	__attribute__((warn_unused_result));

/*
 * Open the base directory, walk the candidate one component at a time with
 * O_NOFOLLOW, check every directory and the final file on its descriptor
 * (spec 4.3, 7.5), and record the script's directory fd, relative path,
 * extra path and stat.  Refuses through fail().
 */
void scriptfs_walk(struct state *st);

#endif
