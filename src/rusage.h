/* --with-report-rusage: a parent that waits for the script and logs its cost. */
#ifndef CGIWRAP_RUSAGE_H
#define CGIWRAP_RUSAGE_H

#include "state.h"

/*
 * Step B(14) when the build reports rusage: fork.  Returns in the child,
 * which goes on to the jail, the drop and the exec.  The parent never
 * returns: it drops to the caller's ids (never the target's, who could
 * then signal it), waits, writes the request's one log line with exit or
 * signal, wall, user and system time, and exits with the child's status
 * (128+N after signal N).  A child that refuses logs that itself and says
 * so on a close-on-exec pipe, and the parent then logs nothing.
 */
void rusage_fork(struct state *st);

/* In the child, just before exec: tell the parent which script runs. */
void rusage_child_allowed(struct state *st);

/* In the child: tell the parent this request was refused (and logged). */
void rusage_child_refused(struct state *st);

#endif
