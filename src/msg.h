/* Messages (pure): the HTTP error response, the log line, the debug trace. */
#ifndef CGIWRAP_MSG_H
#define CGIWRAP_MSG_H

#include <stdbool.h>
#include <stddef.h>
#include "policy.h"
#include "reason.h"

/*
 * A log value is cut here (cut=1), and a longer site value is not shown.
 * Only the fuzz targets of the page and the log set another value (small,
 * so the fuzzer crosses the limit by itself); the wrapper uses 4096.
 */
#ifndef MSG_MAX_FIELD
#define MSG_MAX_FIELD 4096
#endif
#define MSG_MAX_LINE (32 * MSG_MAX_FIELD * 4 + 1024)
/*
 * Room for any page: 8 KiB for the page itself, plus the site block's six
 * values of up to MSG_MAX_FIELD bytes (longer ones are not shown), each
 * escaped to at most 6 bytes a byte and shown at most twice (link and text).
 */
#define MSG_MAX_PAGE (8192 + 1024 + 2 * 6 * 6 * MSG_MAX_FIELD)
#define MSG_MAX_TRACE (64 * 1024)

/*
 * HTML-escape src into dst (cap bytes incl. NUL): & < > " ' become
 * &amp; &lt; &gt; &quot; &#39;.  Returns the length written, or -1 (dst
 * untouched beyond cap) when it does not fit.
 */
long msg_escape_html(char *dst, size_t cap, const char *src);

/*
 * The whole CGI error response for reason r: "Status: N Phrase" (or
 * "HTTP/1.0 N Phrase" with CRLF line ends when nph), Content-Type with the
 * policy's charset, a blank line, the HTML page.  Quiet builds give one
 * generic sentence per status.  Returns the length, or -1 if cap is short.
 */
long msg_error_page(char *buf, size_t cap, enum reason r,
		    const struct policy *p, bool nph);

/*
 * The same with the sentence given (a constant of the wrapper's, never
 * request data; NULL: the reason's own).  Quiet builds ignore it.
 * When any local_* value of p is set (non-NULL, non-empty, at most
 * MSG_MAX_FIELD bytes; others are skipped), quiet or not, the site block
 * goes between the sentence's "</p>" and "</body>": "\n<hr>\n" then one
 * line each, in this order, for the values set (V HTML-escaped, also in
 * attributes):
 *   <p>Site: <a href="V">V</a></p>
 *   <p>Documentation: <a href="V">V</a></p>
 *   <p>Contact: V</p>
 *   <p>E-mail: <a href="mailto:V">V</a></p>
 *   <p>Phone: V</p>
 *   <p>Contact page: <a href="V">V</a></p>
 */
long msg_error_page_with(char *buf, size_t cap, enum reason r,
			 const char *sentence, const struct policy *p, bool nph);

/*
 * One log record; NULL fields (and uid < 0, status 0, exit_status < 0,
 * signal 0) are omitted: start from a zeroed record with uid and
 * exit_status -1.
 */
struct log_record {
	const char *time;	/* "2026-12-03T15:01:48Z"; NULL for syslog */
	long pid;
	const char *name;
	const char *user;
	long long uid;
	const char *request;
	const char *script;
	const char *host;
	const char *remote_addr;
	const char *remote_host;
	const char *remote_user;
	const char *decision;	/* "allow", "deny", "error" */
	int status;
	const char *reason;
	const char *acl;
	const char *warn;
	/* --with-report-rusage (spec 8): exit < 0 and signal 0 are omitted */
	long long exit_status;
	int signal;
	const char *wall;	/* seconds with six decimals */
	const char *utime;
	const char *stime;
	const char *missing;	/* exec failure: the missing piece's path */
	const char *detail;	/* free text: errno name, file and line, ... */
};

/*
 * Format rec as one line ending in '\n': "key=value" fields in the spec's
 * order separated by one space; in values bytes 0x21-0x7e other than '\\'
 * are literal, all others "\xHH"; a value over MSG_MAX_FIELD bytes is cut
 * and the line gets "cut=1".  Returns the length, or -1 if cap is short.
 */
long msg_log_line(char *buf, size_t cap, const struct log_record *rec);

/* A debug trace kept in memory until the outcome is known. */
struct trace {
	bool on;
	size_t len;
	bool overflow;
	char buf[MSG_MAX_TRACE];
};

/* Append one printf-formatted line (a '\n' is added) when t->on. */
void trace_add(struct trace *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
