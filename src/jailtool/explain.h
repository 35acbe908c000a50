/* "explain": the wrapper's decision for one request, as a dry run. */
#ifndef CGIWRAP_JT_EXPLAIN_H
#define CGIWRAP_JT_EXPLAIN_H

#include <stdbool.h>
#include <sys/stat.h>
#include "reason.h"
#include "state.h"

/* "ok: what", "refused: what (token)" or "info: what" on stdout. */
__attribute__((format(printf, 2, 3)))
void explain_line(enum reason r, const char *fmt, ...);

__attribute__((format(printf, 1, 2)))
void explain_info(const char *fmt, ...);

/*
 * In a child process: enter the jail and become the target exactly as the
 * wrapper does (jail_enter, priv_drop), walk the candidate with the
 * wrapper's deciders, then look at the program that would be exec'd (the
 * "#!" interpreter, the ELF loader and libraries, inside the jail).
 * Never returns: exits 0 (would run), a reason's exit code (refused), or
 * JT_EXIT_LIBS (would run, but a library is missing).
 */
__attribute__((noreturn))
void explain_in_jail(struct state *st);

/*
 * The program exec would run for the checked script name in dirfd: the
 * build's interpreter for its suffix, else the script itself; its "#!"
 * interpreter, ELF loader and libraries, looked up in this process's root
 * (the jail).  Exits as explain_in_jail.
 */
__attribute__((noreturn))
void explain_program(const struct state *st, int dirfd, const char *name,
		     const struct stat *sb);

#endif
