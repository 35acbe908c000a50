/* Reason codes: why a request ended without running the script. */
#ifndef CGIWRAP_REASON_H
#define CGIWRAP_REASON_H

#include <stddef.h>

enum reason {
	R_NONE = 0,
#define X(id, token, status, code) id,
#include "reason.def"
#undef X
	R_COUNT
};

/* The log token of a reason ("owner-mismatch"); "internal" for unknown values. */
const char *reason_token(enum reason r);
/* The HTTP status of a reason (400, 403, 404 or 500); 500 for unknown values. */
int reason_status(enum reason r);
/* The process exit code of a reason (1..125); that of R_INTERNAL for unknown values. */
int reason_exit_code(enum reason r);
/* The HTTP reason phrase of a status ("Forbidden"); "Internal Server Error" otherwise. */
const char *reason_phrase(int status);
/* One sentence for the client about the reason; no request data. */
const char *reason_sentence(enum reason r);

#endif
