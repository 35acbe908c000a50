/* Messages (pure): the HTTP error response, the log line, the debug trace. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "msg.h"

/* A bounded writer: once something does not fit, nothing more is added. */
struct out {
	char *buf;
	size_t cap;
	size_t len;
	bool full;
};

static void out_init(struct out *o, char *buf, size_t cap)
{
	o->buf = buf;
	o->cap = cap;
	o->len = 0;
	o->full = cap == 0;
	if (cap > 0)
		buf[0] = '\0';
}

/* Append n bytes, keeping room for the NUL. */
static void out_bytes(struct out *o, const char *s, size_t n)
{
	if (o->full || n >= o->cap - o->len) {
		o->full = true;
		return;
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	o->buf[o->len] = '\0';
}

static void out_str(struct out *o, const char *s)
{
	out_bytes(o, s, strlen(s));
}

static void out_long(struct out *o, long long v)
{
	char digits[24];
	size_t i = sizeof(digits);
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v
				     : (unsigned long long)v;

	do {
		digits[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		digits[--i] = '-';
	out_bytes(o, digits + i, sizeof(digits) - i);
}

/* The length written, or -1 with an empty buffer: never a partial result. */
static long out_end(struct out *o)
{
	if (o->full) {
		if (o->cap > 0)
			o->buf[0] = '\0';
		return -1;
	}
	return (long)o->len;
}

static void out_html(struct out *o, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '&': out_str(o, "&amp;"); break;
		case '<': out_str(o, "&lt;"); break;
		case '>': out_str(o, "&gt;"); break;
		case '"': out_str(o, "&quot;"); break;
		case '\'': out_str(o, "&#39;"); break;
		default: out_bytes(o, s, 1); break;
		}
	}
}

long msg_escape_html(char *dst, size_t cap, const char *src)
{
	struct out o;

	out_init(&o, dst, cap);
	out_html(&o, src);
	return out_end(&o);
}

/* Quiet builds say only what kind of failure it was (D2). */
static const char *quiet_sentence(int status)
{
	switch (status) {
	case 400:
		return "The request could not be understood.";
	case 403:
		return "The server refused to run this script.";
	case 404:
		return "The requested script was not found.";
	default:
		return "The server could not run this script.";
	}
}

/*
 * The charset goes into a header line: only a non-empty run of printable
 * non-blank ASCII may, so a bad build value cannot split the header; else
 * the spec's default.
 */
static const char *header_charset(const char *cs)
{
	size_t i;

	if (cs == NULL || cs[0] == '\0')
		return "utf-8";
	for (i = 0; cs[i] != '\0'; i++)
		if (cs[i] < 0x21 || cs[i] > 0x7e || cs[i] == ';')
			return "utf-8";
	return cs;
}

/* A site value worth showing: set, non-empty, not over the field limit. */
static bool site_value_shown(const char *v)
{
	return v != NULL && v[0] != '\0' &&
	       strnlen(v, MSG_MAX_FIELD + 1) <= MSG_MAX_FIELD;
}

/* One line of the site block: the value as text, or as a link to scheme+v. */
static void site_line(struct out *o, const char *label, const char *v,
		      bool link, const char *scheme)
{
	if (!site_value_shown(v))
		return;
	out_str(o, "<p>");
	out_str(o, label);
	if (link) {
		out_str(o, "<a href=\"");
		out_str(o, scheme);
		out_html(o, v);
		out_str(o, "\">");
	}
	out_html(o, v);
	if (link)
		out_str(o, "</a>");
	out_str(o, "</p>\n");
}

/*
 * The site block of spec 9.2.  The values come from the build, yet are
 * escaped all the same: the original left quotes unescaped in attributes.
 */
static void site_block(struct out *o, const struct policy *p)
{
	if (!site_value_shown(p->local_site_url) &&
	    !site_value_shown(p->local_doc_url) &&
	    !site_value_shown(p->local_contact_name) &&
	    !site_value_shown(p->local_contact_email) &&
	    !site_value_shown(p->local_contact_phone) &&
	    !site_value_shown(p->local_contact_url))
		return;
	out_str(o, "\n<hr>\n");
	site_line(o, "Site: ", p->local_site_url, true, "");
	site_line(o, "Documentation: ", p->local_doc_url, true, "");
	site_line(o, "Contact: ", p->local_contact_name, false, "");
	site_line(o, "E-mail: ", p->local_contact_email, true, "mailto:");
	site_line(o, "Phone: ", p->local_contact_phone, false, "");
	site_line(o, "Contact page: ", p->local_contact_url, true, "");
}

long msg_error_page(char *buf, size_t cap, enum reason r,
		    const struct policy *p, bool nph)
{
	return msg_error_page_with(buf, cap, r, NULL, p, nph);
}

long msg_error_page_with(char *buf, size_t cap, enum reason r,
			 const char *sentence, const struct policy *p, bool nph)
{
	const char *eol = nph ? "\r\n" : "\n";
	const char *cs = header_charset(p->charset);
	int status = reason_status(r);
	const char *phrase = reason_phrase(status);
	struct out o;

	out_init(&o, buf, cap);
	out_str(&o, nph ? "HTTP/1.0 " : "Status: ");
	out_long(&o, status);
	out_str(&o, " ");
	out_str(&o, phrase);
	out_str(&o, eol);
	out_str(&o, "Content-Type: text/html; charset=");
	out_str(&o, cs);
	out_str(&o, eol);
	out_str(&o, eol);
	out_str(&o, "<!DOCTYPE html>\n<html><head><meta charset=\"");
	out_html(&o, cs);
	out_str(&o, "\"><title>");
	out_long(&o, status);
	out_str(&o, " ");
	out_html(&o, phrase);
	out_str(&o, "</title></head>\n<body><h1>");
	out_html(&o, phrase);
	out_str(&o, "</h1><p>");
	if (p->quiet_errors)
		sentence = quiet_sentence(status);
	else if (sentence == NULL)
		sentence = reason_sentence(r);
	out_html(&o, sentence);
	out_str(&o, "</p>");
	site_block(&o, p);
	out_str(&o, "</body></html>\n");
	return out_end(&o);
}

/*
 * A log value: bytes 0x21-0x7e other than '\\' literal, all others "\xHH"
 * with lowercase hex, so no value can forge a field, a line or a terminal
 * escape (A13).  At most MSG_MAX_FIELD raw bytes; true if it was cut.
 */
static bool out_log_value(struct out *o, const char *v)
{
	static const char hex[] = "0123456789abcdef";
	char esc[4] = { '\\', 'x', '0', '0' };
	size_t i;

	for (i = 0; v[i] != '\0'; i++) {
		unsigned char c = (unsigned char)v[i];

		if (i == MSG_MAX_FIELD)
			return true;
		if (c >= 0x21 && c <= 0x7e && c != '\\') {
			out_bytes(o, v + i, 1);
			continue;
		}
		esc[2] = hex[c >> 4];
		esc[3] = hex[c & 0xf];
		out_bytes(o, esc, sizeof(esc));
	}
	return false;
}

/* Field separator: one space before every field but the first. */
static void out_key(struct out *o, const char *key)
{
	if (o->len > 0)
		out_str(o, " ");
	out_str(o, key);
	out_str(o, "=");
}

static void log_str(struct out *o, const char *key, const char *v, bool *cut)
{
	if (v == NULL)
		return;
	out_key(o, key);
	if (out_log_value(o, v))
		*cut = true;
}

static void log_num(struct out *o, const char *key, long long v, bool shown)
{
	if (!shown)
		return;
	out_key(o, key);
	out_long(o, v);
}

long msg_log_line(char *buf, size_t cap, const struct log_record *rec)
{
	struct out o;
	bool cut = false;

	out_init(&o, buf, cap);
	log_str(&o, "time", rec->time, &cut);
	log_num(&o, "pid", rec->pid, rec->pid > 0);
	log_str(&o, "name", rec->name, &cut);
	log_str(&o, "user", rec->user, &cut);
	log_num(&o, "uid", rec->uid, rec->uid >= 0);
	log_str(&o, "request", rec->request, &cut);
	log_str(&o, "script", rec->script, &cut);
	log_str(&o, "host", rec->host, &cut);
	log_str(&o, "remote_addr", rec->remote_addr, &cut);
	log_str(&o, "remote_host", rec->remote_host, &cut);
	log_str(&o, "remote_user", rec->remote_user, &cut);
	log_str(&o, "decision", rec->decision, &cut);
	log_num(&o, "status", rec->status, rec->status != 0);
	log_str(&o, "reason", rec->reason, &cut);
	log_str(&o, "acl", rec->acl, &cut);
	log_str(&o, "warn", rec->warn, &cut);
	log_num(&o, "exit", rec->exit_status, rec->exit_status >= 0);
	log_num(&o, "signal", rec->signal, rec->signal > 0);
	log_str(&o, "wall", rec->wall, &cut);
	log_str(&o, "utime", rec->utime, &cut);
	log_str(&o, "stime", rec->stime, &cut);
	log_str(&o, "missing", rec->missing, &cut);
	log_str(&o, "detail", rec->detail, &cut);
	if (cut)
		out_str(&o, o.len > 0 ? " cut=1" : "cut=1");
	out_str(&o, "\n");
	return out_end(&o);
}

static bool is_trace_control(unsigned char c)
{
	return c < 0x20 || c == 0x7f;
}

/*
 * Escape the control bytes of the n bytes at s in place, from the end, as
 * "\xHH" (lowercase) so one call stays one line; room was checked.
 */
static void trace_escape(char *s, size_t n, size_t n_ctrl)
{
	static const char hex[] = "0123456789abcdef";
	size_t from = n, to = n + 3 * n_ctrl;

	while (from > 0) {
		unsigned char c = (unsigned char)s[--from];

		if (!is_trace_control(c)) {
			s[--to] = (char)c;
			continue;
		}
		s[--to] = hex[c & 0xf];
		s[--to] = hex[c >> 4];
		s[--to] = 'x';
		s[--to] = '\\';
	}
}

void trace_add(struct trace *t, const char *fmt, ...)
{
	char *tail = t->buf + t->len;
	size_t room = sizeof(t->buf) - t->len;
	size_t n, i, n_ctrl = 0;
	va_list ap;
	int w;

	if (!t->on || t->overflow || t->len >= sizeof(t->buf))
		return;
	va_start(ap, fmt);
	w = vsnprintf(tail, room, fmt, ap);
	va_end(ap);
	n = w < 0 ? room : (size_t)w;
	for (i = 0; i < n && i < room; i++)
		if (is_trace_control((unsigned char)tail[i]))
			n_ctrl++;
	/* The escaped text, its '\n' and a NUL must fit. */
	if (n >= room || room - n - 1 <= 3 * n_ctrl) {
		t->overflow = true;
		tail[0] = '\0';
		return;
	}
	trace_escape(tail, n, n_ctrl);
	n += 3 * n_ctrl;
	tail[n++] = '\n';
	tail[n] = '\0';
	t->len += n;
}
