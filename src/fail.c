/* The single exit for every refusal (STYLE 3): log, page, exit code. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "fail.h"
#include "log.h"
#include "rusage.h"

static char page[MSG_MAX_PAGE];

bool out_write(const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(STDOUT_FILENO, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		buf += n;
		len -= (size_t)n;
	}
	return true;
}

static void write_page(int n)
{
	if (n > 0 && (size_t)n < sizeof(page))
		(void)out_write(page, (size_t)n);
}

/* cgiwrapd: the buffered trace as text, after the status (spec 9.4). */
static void respond_debug(struct state *st, enum reason r, const char *sentence)
{
	int status = reason_status(r);

	/* After a failed exec the header and trace are already out. */
	if (!st->trace_sent) {
		write_page(snprintf(page, sizeof(page),
			   st->nph ? "HTTP/1.0 %d %s\r\nContent-Type: text/plain; charset=%s\r\n\r\n"
				   : "Status: %d %s\nContent-Type: text/plain; charset=%s\n\n",
			   status, reason_phrase(status), st->policy->charset));
		(void)out_write(st->trace.buf, st->trace.len);
	}
	write_page(snprintf(page, sizeof(page), "%s\n",
			    sentence ? sentence : reason_sentence(r)));
}

static void respond(struct state *st, enum reason r, const char *sentence)
{
	long n;

	if (st->debug) {
		respond_debug(st, r, sentence);
		return;
	}
	n = msg_error_page_with(page, sizeof(page), r, sentence, st->policy,
				st->nph);
	if (n > 0)
		(void)out_write(page, (size_t)n);
}

static void log_refusal(struct state *st, enum reason r, const char *missing,
			const char *detail)
{
	struct log_record rec;
	int status = reason_status(r);

	log_fill(st, &rec);
	rec.decision = status == 500 ? "error" : "deny";
	rec.status = status;
	rec.reason = reason_token(r);
	rec.missing = missing;
	rec.detail = detail != NULL && detail[0] != '\0' ? detail : NULL;
	if (!log_write(st, &rec))
		trace_add(&st->trace, "the log could not be written");
	trace_add(&st->trace, "refused: status=%d reason=%s%s%s", status,
		  reason_token(r), detail ? " " : "", detail ? detail : "");
}

void fail(struct state *st, enum reason r, const char *fmt, ...)
{
	char detail[1024] = "";
	int saved = errno;
	va_list ap;

	if (fmt != NULL) {
		errno = saved;
		va_start(ap, fmt);
		(void)vsnprintf(detail, sizeof(detail), fmt, ap);
		va_end(ap);
	}
	log_refusal(st, r, NULL, detail);
	rusage_child_refused(st);
	respond(st, r, NULL);
	_exit(reason_exit_code(r));
}

void fail_exec(struct state *st, const char *sentence, const char *missing,
	       const char *detail)
{
	log_refusal(st, R_EXEC_FAILED, missing, detail);
	rusage_child_refused(st);
	respond(st, R_EXEC_FAILED, sentence);
	_exit(reason_exit_code(R_EXEC_FAILED));
}

void fail_unless_ok(struct state *st, enum reason r, const char *what)
{
	if (r != R_NONE)
		fail(st, r, "%s", what);
}
