/* The log: an append-only root-owned file and/or syslog, one line a request. */
#ifndef CGIWRAP_LOG_H
#define CGIWRAP_LOG_H

#include <stdbool.h>
#include "msg.h"
#include "reason.h"
#include "state.h"

/* Open syslog when the build logs there (before the caller check). */
void log_open_syslog(struct state *st);

/* Open the log file (spec 10): R_NONE or R_LOG_FAILED. */
enum reason log_open_file(struct state *st)
	__attribute__((warn_unused_result));

/* Fill the request fields of rec from what st knows. */
void log_fill(const struct state *st, struct log_record *rec);

/* Write rec to every open log; false if the file write failed or was short. */
bool log_write(const struct state *st, struct log_record *rec)
	__attribute__((warn_unused_result));

#endif
