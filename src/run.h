/* Steps 9 and 10: the script's environment and argv, the log line, the exec. */
#ifndef CGIWRAP_RUN_H
#define CGIWRAP_RUN_H

#include "state.h"

/* Step 9: the environment from the allow-list, the rewritten variables, argv. */
void run_prepare(struct state *st);

/*
 * Step 10: log the decision, give the script a clean process (signals, mask,
 * niceness, umask, session, rlimits, no_new_privs), and exec the checked
 * file from its checked directory.  Never returns: an exec failure is
 * diagnosed and refused.
 */
__attribute__((noreturn))
void run_exec(struct state *st);

#endif
