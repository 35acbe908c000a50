/* Process state: a known start (step 1), invocation and caller (step 2), limits. */
#ifndef CGIWRAP_PROC_H
#define CGIWRAP_PROC_H

#include "state.h"

/*
 * Step 1: fds 0-2 open and all others closed, no core dumps (the process
 * not dumpable, or an internal refusal), itimers off, SIGXFSZ ignored, the
 * stack limit bounded, the limits the caller could use against the wrapper
 * raised (A17), the environment captured and cleared; argv checked and the
 * mode taken from the basename of argv[0].
 */
void proc_start(struct state *st, int argc, char **argv);

/* "cgiwrap -V" outside CGI: print the compiled settings and exit (D12). */
void proc_settings(struct state *st);

/* Step 2: stderr redirect, syslog, then the caller and setuid checks. */
void proc_check_caller(struct state *st);

/* Make every configured hard limit at least its value, as root (D14). */
void proc_raise_limits(struct state *st);

/*
 * Before the exec: the limits proc_start raised for the wrapper back to the
 * caller's values (those a configured limit replaces next are left to it):
 * R_NONE or R_INTERNAL.
 */
enum reason proc_restore_limits(const struct state *st)
	__attribute__((warn_unused_result));

/* Set the configured limits, soft = hard = N (spec 8): R_NONE or R_INTERNAL. */
enum reason proc_apply_limits(const struct policy *p)
	__attribute__((warn_unused_result));

#endif
