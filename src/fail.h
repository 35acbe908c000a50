/* The one way out: log one line, answer with an error page, exit with the code. */
#ifndef CGIWRAP_FAIL_H
#define CGIWRAP_FAIL_H

#include <stdbool.h>
#include <stddef.h>
#include "reason.h"
#include "state.h"

/*
 * Refuse the request for reason r: one log line (with the printf-formatted
 * detail, log only), one HTTP error response on stdout, exit with the
 * reason's code.  Never returns.
 */
__attribute__((noreturn, format(printf, 3, 4)))
void fail(struct state *st, enum reason r, const char *fmt, ...);

/*
 * The exec failed: a second log line naming the missing piece (NULL if
 * unknown), and a page whose sentence (a constant, no request data) says
 * which kind of piece it is.
 */
__attribute__((noreturn))
void fail_exec(struct state *st, const char *sentence, const char *missing,
	       const char *detail);

/* Write all of buf to stdout (the response); false on error. */
bool out_write(const char *buf, size_t len);

/* Refuse when r is not R_NONE (a shorthand for the steps). */
void fail_unless_ok(struct state *st, enum reason r, const char *what);

#endif
