/* Unit tests of msg.c: error pages, HTML escaping, log lines, the trace. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "msg.h"
#include "test_policy.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

static char page[MSG_MAX_PAGE];
static char line[MSG_MAX_LINE];
static struct trace tr;

/* ---- msg_escape_html ---- */

struct html_case {
	const char *in;
	const char *want;
};

static const struct html_case html_cases[] = {
	{ "", "" },
	{ "plain text.", "plain text." },
	{ "&<>\"'", "&amp;&lt;&gt;&quot;&#39;" },
	{ "<script>alert('x')</script>",
	  "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" },
	{ "a&amp;b", "a&amp;amp;b" },
	{ "\xc3\xa9 \n", "\xc3\xa9 \n" },
};

START_TEST(test_escape_html)
{
	const struct html_case *c = &html_cases[_i];
	long n = msg_escape_html(page, sizeof(page), c->in);

	ck_assert_int_eq(n, (long)strlen(c->want));
	ck_assert_str_eq(page, c->want);
}
END_TEST

START_TEST(test_escape_html_cap)
{
	char b[8];

	ck_assert_int_eq(msg_escape_html(b, 6, "&"), 5);
	ck_assert_str_eq(b, "&amp;");
	memset(b, 'z', sizeof(b));
	ck_assert_int_eq(msg_escape_html(b, 5, "&"), -1);
	ck_assert_int_eq(b[5], 'z');
	ck_assert_int_eq(msg_escape_html(b, 1, ""), 0);
	ck_assert_int_eq(msg_escape_html(b, 1, "a"), -1);
	ck_assert_int_eq(msg_escape_html(NULL, 0, ""), -1);
}
END_TEST

/* ---- msg_error_page ---- */

#define BODY_CS(cs, code, phrase, sentence)                                   \
	"<!DOCTYPE html>\n<html><head><meta charset=\"" cs "\"><title>" code   \
	" " phrase "</title></head>\n<body><h1>" phrase "</h1><p>" sentence   \
	"</p></body></html>\n"
#define BODY(code, phrase, sentence) BODY_CS("utf-8", code, phrase, sentence)
#define PAGE(code, phrase, sentence)                                          \
	"Status: " code " " phrase "\nContent-Type: text/html; charset=utf-8" \
	"\n\n" BODY(code, phrase, sentence)
#define NPH(code, phrase, sentence)                                           \
	"HTTP/1.0 " code " " phrase "\r\nContent-Type: text/html; "            \
	"charset=utf-8\r\n\r\n" BODY(code, phrase, sentence)

struct page_case {
	enum reason r;
	bool nph;
	bool quiet;
	const char *charset;
	const char *want;
};

static const struct page_case page_cases[] = {
	/* Spelled out once in full, as in spec 9.2. */
	{ R_UNKNOWN_USER, false, false, "utf-8",
	  "Status: 404 Not Found\n"
	  "Content-Type: text/html; charset=utf-8\n"
	  "\n"
	  "<!DOCTYPE html>\n"
	  "<html><head><meta charset=\"utf-8\"><title>404 Not Found</title>"
	  "</head>\n"
	  "<body><h1>Not Found</h1><p>There is no such user.</p>"
	  "</body></html>\n" },
	{ R_NO_USER, false, false, "utf-8",
	  PAGE("400", "Bad Request", "The request does not name a user.") },
	{ R_ENV_TOO_LARGE, false, false, "utf-8",
	  PAGE("400", "Bad Request",
	       "The request carries more data than the wrapper accepts.") },
	{ R_OWNER_MISMATCH, false, false, "utf-8",
	  PAGE("403", "Forbidden",
	       "The script or one of its directories has the wrong owner.") },
	{ R_BAD_PATH_COMPONENT, false, false, "utf-8",
	  PAGE("403", "Forbidden", "The script path has an empty, &#39;.&#39; "
	       "or &#39;..&#39; component.") },
	{ R_SCRIPT_NOT_FOUND, false, false, "utf-8",
	  PAGE("404", "Not Found", "There is no such script.") },
	{ R_EXEC_FAILED, false, false, "utf-8",
	  PAGE("500", "Internal Server Error",
	       "The script could not be started.") },
	{ R_INTERNAL, false, false, "utf-8",
	  PAGE("500", "Internal Server Error",
	       "The wrapper met an internal error.") },
	{ (enum reason)999, false, false, "utf-8",
	  PAGE("500", "Internal Server Error",
	       "The wrapper met an internal error.") },
	{ R_UNKNOWN_USER, true, false, "utf-8",
	  NPH("404", "Not Found", "There is no such user.") },
	{ R_WRONG_CALLER, true, false, "utf-8",
	  NPH("500", "Internal Server Error", "The wrapper was started by an "
	      "account other than the web server.") },
	{ R_NO_SCRIPT, false, true, "utf-8",
	  PAGE("400", "Bad Request", "The request could not be understood.") },
	{ R_SYMLINK, false, true, "utf-8",
	  PAGE("403", "Forbidden", "The server refused to run this script.") },
	{ R_NO_CGI_DIR, false, true, "utf-8",
	  PAGE("404", "Not Found", "The requested script was not found.") },
	{ R_UNSAFE_JAIL, false, true, "utf-8",
	  PAGE("500", "Internal Server Error",
	       "The server could not run this script.") },
	{ R_ACCESS_DENIED, true, true, "utf-8",
	  NPH("403", "Forbidden", "The server refused to run this script.") },
	{ R_SCRIPT_NOT_FOUND, false, false, "iso-8859-1",
	  "Status: 404 Not Found\n"
	  "Content-Type: text/html; charset=iso-8859-1\n\n"
	  BODY_CS("iso-8859-1", "404", "Not Found",
		  "There is no such script.") },
	{ R_SCRIPT_NOT_FOUND, false, false, "x\"<&'>",
	  "Status: 404 Not Found\nContent-Type: text/html; charset=x\"<&'>\n\n"
	  BODY_CS("x&quot;&lt;&amp;&#39;&gt;", "404", "Not Found",
		  "There is no such script.") },
	/* A charset that would split the header falls back to the default. */
	{ R_SCRIPT_NOT_FOUND, false, false, "utf-8\r\nX-Evil: 1",
	  PAGE("404", "Not Found", "There is no such script.") },
	{ R_SCRIPT_NOT_FOUND, false, false, "a b",
	  PAGE("404", "Not Found", "There is no such script.") },
	{ R_SCRIPT_NOT_FOUND, false, false, NULL,
	  PAGE("404", "Not Found", "There is no such script.") },
	{ R_SCRIPT_NOT_FOUND, false, false, "",
	  PAGE("404", "Not Found", "There is no such script.") },
};

START_TEST(test_error_page)
{
	const struct page_case *c = &page_cases[_i];
	struct policy p = test_policy();
	long n;

	p.quiet_errors = c->quiet;
	p.charset = c->charset;
	n = msg_error_page(page, sizeof(page), c->r, &p, c->nph);
	ck_assert_str_eq(page, c->want);
	ck_assert_int_eq(n, (long)strlen(c->want));
}
END_TEST

/* Every reason, every form: fits MSG_MAX_PAGE, says its status, never 200. */
START_TEST(test_error_page_all)
{
	struct policy p = test_policy();
	enum reason r = (enum reason)_i;
	char head[32];
	int st = reason_status(r);
	int form;
	long n;

	memcpy(head, "Status: 000 ", 13);
	head[8] = (char)('0' + st / 100);
	head[9] = (char)('0' + st / 10 % 10);
	head[10] = (char)('0' + st % 10);
	ck_assert(st == 400 || st == 403 || st == 404 || st == 500);
	for (form = 0; form < 4; form++) {
		p.quiet_errors = (form & 1) != 0;
		n = msg_error_page(page, sizeof(page), r, &p, (form & 2) != 0);
		ck_assert_int_gt(n, 0);
		ck_assert_uint_lt((size_t)n, sizeof(page));
		if ((form & 2) == 0)
			ck_assert(strncmp(page, head, 12) == 0);
		else
			ck_assert(strncmp(page, "HTTP/1.0 ", 9) == 0 &&
				  strncmp(page + 9, head + 8, 4) == 0);
		ck_assert_ptr_nonnull(strstr(page, reason_phrase(st)));
		ck_assert_ptr_nonnull(strstr(page, "</body></html>\n"));
	}
}
END_TEST

START_TEST(test_error_page_short)
{
	struct policy p = test_policy();
	long n = msg_error_page(page, sizeof(page), R_NO_USER, &p, false);

	ck_assert_int_gt(n, 0);
	ck_assert_int_eq(msg_error_page(page, (size_t)n + 1, R_NO_USER, &p,
					false), n);
	ck_assert_uint_eq(strlen(page), (size_t)n);
	ck_assert_int_eq(msg_error_page(page, (size_t)n, R_NO_USER, &p, false),
			 -1);
	ck_assert_str_eq(page, "");
	ck_assert_int_eq(msg_error_page(page, 1, R_NO_USER, &p, false), -1);
	ck_assert_int_eq(msg_error_page(NULL, 0, R_NO_USER, &p, false), -1);
}
END_TEST

/* ---- the site block (spec 9.2) ---- */

struct site_case {
	const char *what;
	bool quiet;
	bool nph;
	const char *site, *doc, *name, *email, *phone, *url;
	const char *want;
};

#define HEAD_404                                                              \
	"Status: 404 Not Found\nContent-Type: text/html; charset=utf-8\n\n"   \
	"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>404 "    \
	"Not Found</title></head>\n<body><h1>Not Found</h1><p>"
#define TAIL "</body></html>\n"

static const struct site_case site_cases[] = {
	{ "all six, spelled out", false, false, "https://example.org/",
	  "https://example.org/docs/cgi", "Jane Doe", "webmaster@example.org",
	  "+1 555 0100", "https://example.org/contact",
	  "Status: 404 Not Found\n"
	  "Content-Type: text/html; charset=utf-8\n"
	  "\n"
	  "<!DOCTYPE html>\n"
	  "<html><head><meta charset=\"utf-8\"><title>404 Not Found</title>"
	  "</head>\n"
	  "<body><h1>Not Found</h1><p>There is no such user.</p>\n"
	  "<hr>\n"
	  "<p>Site: <a href=\"https://example.org/\">https://example.org/</a>"
	  "</p>\n"
	  "<p>Documentation: <a href=\"https://example.org/docs/cgi\">"
	  "https://example.org/docs/cgi</a></p>\n"
	  "<p>Contact: Jane Doe</p>\n"
	  "<p>E-mail: <a href=\"mailto:webmaster@example.org\">"
	  "webmaster@example.org</a></p>\n"
	  "<p>Phone: +1 555 0100</p>\n"
	  "<p>Contact page: <a href=\"https://example.org/contact\">"
	  "https://example.org/contact</a></p>\n"
	  "</body></html>\n" },
	{ "none", false, false, NULL, NULL, NULL, NULL, NULL, NULL,
	  HEAD_404 "There is no such user.</p>" TAIL },
	{ "all empty: none", false, false, "", "", "", "", "", "",
	  HEAD_404 "There is no such user.</p>" TAIL },
	{ "phone only", false, false, NULL, NULL, NULL, NULL, "110", NULL,
	  HEAD_404 "There is no such user.</p>\n<hr>\n<p>Phone: 110</p>\n"
	  TAIL },
	{ "one empty, one set", false, false, "", NULL, "Ops", NULL, NULL, NULL,
	  HEAD_404 "There is no such user.</p>\n<hr>\n<p>Contact: Ops</p>\n"
	  TAIL },
	{ "quiet: block kept", true, false, NULL, "/doc", NULL, NULL, NULL,
	  NULL, HEAD_404 "The requested script was not found.</p>\n<hr>\n"
	  "<p>Documentation: <a href=\"/doc\">/doc</a></p>\n" TAIL },
	{ "escaped in text and attributes", false, false,
	  "https://x/?a=1&b=\"2\"'<>", NULL, "A & B <ops>", "o'brien@x",
	  NULL, "\"><script>alert(1)</script>",
	  HEAD_404 "There is no such user.</p>\n<hr>\n"
	  "<p>Site: <a href=\"https://x/?a=1&amp;b=&quot;2&quot;&#39;&lt;"
	  "&gt;\">https://x/?a=1&amp;b=&quot;2&quot;&#39;&lt;&gt;</a></p>\n"
	  "<p>Contact: A &amp; B &lt;ops&gt;</p>\n"
	  "<p>E-mail: <a href=\"mailto:o&#39;brien@x\">o&#39;brien@x</a>"
	  "</p>\n"
	  "<p>Contact page: <a href=\"&quot;&gt;&lt;script&gt;alert(1)"
	  "&lt;/script&gt;\">&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
	  "</a></p>\n" TAIL },
	{ "nph", false, true, NULL, NULL, NULL, "w@x", NULL, NULL,
	  "HTTP/1.0 404 Not Found\r\nContent-Type: text/html; charset=utf-8"
	  "\r\n\r\n<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
	  "<title>404 Not Found</title></head>\n<body><h1>Not Found</h1><p>"
	  "There is no such user.</p>\n<hr>\n"
	  "<p>E-mail: <a href=\"mailto:w@x\">w@x</a></p>\n" TAIL },
};

static void set_site(struct policy *p, const char *site, const char *doc,
		     const char *name, const char *email, const char *phone,
		     const char *url)
{
	p->local_site_url = site;
	p->local_doc_url = doc;
	p->local_contact_name = name;
	p->local_contact_email = email;
	p->local_contact_phone = phone;
	p->local_contact_url = url;
}

START_TEST(test_site_block)
{
	const struct site_case *c = &site_cases[_i];
	struct policy p = test_policy();
	enum reason r = c->quiet ? R_SCRIPT_NOT_FOUND : R_UNKNOWN_USER;
	long n;

	p.quiet_errors = c->quiet;
	set_site(&p, c->site, c->doc, c->name, c->email, c->phone, c->url);
	n = msg_error_page(page, sizeof(page), r, &p, c->nph);
	ck_assert_msg(strcmp(page, c->want) == 0, "%s:\n%s", c->what, page);
	ck_assert_int_eq(n, (long)strlen(c->want));
}
END_TEST

/* Values of MSG_MAX_FIELD bytes are shown; longer ones are left out. */
START_TEST(test_site_block_limits)
{
	struct policy p = test_policy();
	char *v = malloc(MSG_MAX_FIELD + 2);
	long n;

	ck_assert_ptr_nonnull(v);
	memset(v, '"', MSG_MAX_FIELD + 1);
	v[MSG_MAX_FIELD + 1] = '\0';
	set_site(&p, v, NULL, NULL, NULL, NULL, NULL);
	n = msg_error_page(page, sizeof(page), R_UNKNOWN_USER, &p, false);
	ck_assert_int_gt(n, 0);
	ck_assert_ptr_null(strstr(page, "<hr>"));
	v[MSG_MAX_FIELD] = '\0';
	/* the worst case: all six at the limit, every byte escaped to 6 */
	set_site(&p, v, v, v, v, v, v);
	n = msg_error_page(page, sizeof(page), R_UNKNOWN_USER, &p, true);
	ck_assert_int_gt(n, 10 * 6 * MSG_MAX_FIELD);
	ck_assert_uint_lt((size_t)n, sizeof(page));
	ck_assert_ptr_nonnull(strstr(page, "<p>Contact page: <a href=\"&quot;"));
	ck_assert_int_eq(msg_error_page(page, (size_t)n, R_UNKNOWN_USER, &p,
					true), -1);
	ck_assert_str_eq(page, "");
	free(v);
}
END_TEST

/* ---- msg_log_line ---- */

static struct log_record blank_record(void)
{
	struct log_record rec;

	memset(&rec, 0, sizeof(rec));
	rec.uid = -1;
	rec.exit_status = -1;
	return rec;
}

/* The two lines of spec 10. */
START_TEST(test_log_spec_examples)
{
	struct log_record rec = blank_record();
	long n;

	rec.time = "2026-12-03T15:01:48Z";
	rec.pid = 4608;
	rec.name = "cgiwrap";
	rec.user = "joe";
	rec.uid = 2001;
	rec.request = "/sub/argv.cgi/x";
	rec.script = "sub/argv.cgi";
	rec.remote_addr = "192.0.2.7";
	rec.remote_user = "bob";
	rec.decision = "allow";
	n = msg_log_line(line, sizeof(line), &rec);
	ck_assert_str_eq(line, "time=2026-12-03T15:01:48Z pid=4608 "
			 "name=cgiwrap user=joe uid=2001 "
			 "request=/sub/argv.cgi/x script=sub/argv.cgi "
			 "remote_addr=192.0.2.7 remote_user=bob "
			 "decision=allow\n");
	ck_assert_int_eq(n, (long)strlen(line));
	rec.time = "2026-12-03T15:01:49Z";
	rec.pid = 4611;
	rec.request = "/../etc/passwd";
	rec.script = NULL;
	rec.remote_user = NULL;
	rec.decision = "deny";
	rec.status = 403;
	rec.reason = "bad-path-component";
	n = msg_log_line(line, sizeof(line), &rec);
	ck_assert_str_eq(line, "time=2026-12-03T15:01:49Z pid=4611 "
			 "name=cgiwrap user=joe uid=2001 "
			 "request=/../etc/passwd remote_addr=192.0.2.7 "
			 "decision=deny status=403 "
			 "reason=bad-path-component\n");
	ck_assert_int_eq(n, (long)strlen(line));
}
END_TEST

START_TEST(test_log_all_fields)
{
	struct log_record rec = {
		"T", 1, "n", "u", 0, "rq", "s", "h", "ra", "rh", "ru", "error",
		500, "exec-failed", "a", "w", 3, 9, "0.1", "0.2", "0.3",
		"/bin/sh", "ENOENT",
	};

	ck_assert_int_gt(msg_log_line(line, sizeof(line), &rec), 0);
	ck_assert_str_eq(line, "time=T pid=1 name=n user=u uid=0 request=rq "
			 "script=s host=h remote_addr=ra remote_host=rh "
			 "remote_user=ru decision=error status=500 "
			 "reason=exec-failed acl=a warn=w exit=3 signal=9 "
			 "wall=0.1 utime=0.2 stime=0.3 missing=/bin/sh "
			 "detail=ENOENT\n");
}
END_TEST

struct omit_case {
	long pid;
	long long uid;
	int status;
	const char *want;
};

static const struct omit_case omit_cases[] = {
	{ 0, -1, 0, "decision=deny\n" },
	{ -3, -5, 0, "decision=deny\n" },
	{ 7, 0, 0, "pid=7 uid=0 decision=deny\n" },
	{ 0, 4294967294LL, 400, "uid=4294967294 decision=deny status=400\n" },
	{ 2147483647L, -1, -1, "pid=2147483647 decision=deny status=-1\n" },
};

START_TEST(test_log_omitted)
{
	const struct omit_case *c = &omit_cases[_i];
	struct log_record rec = blank_record();

	rec.pid = c->pid;
	rec.uid = c->uid;
	rec.status = c->status;
	rec.decision = "deny";
	ck_assert_int_eq(msg_log_line(line, sizeof(line), &rec),
			 (long)strlen(c->want));
	ck_assert_str_eq(line, c->want);
}
END_TEST

static const struct html_case log_cases[] = {
	{ "", "request=\n" },
	{ "/a/b.cgi?x=1&y=2", "request=/a/b.cgi?x=1&y=2\n" },
	{ "a\nb", "request=a\\x0ab\n" },
	{ "\x1b[31mred", "request=\\x1b[31mred\n" },
	{ "a b", "request=a\\x20b\n" },
	{ "a\\b", "request=a\\x5cb\n" },
	{ "\xff", "request=\\xff\n" },
	{ "\xc3\xa9", "request=\\xc3\\xa9\n" },
	{ "<script>", "request=<script>\n" },
	{ "\x7f\x01\t\r~!", "request=\\x7f\\x01\\x09\\x0d~!\n" },
	{ "x\n[2030-01-01]: uid: (0/root)",
	  "request=x\\x0a[2030-01-01]:\\x20uid:\\x20(0/root)\n" },
	{ "x decision=allow", "request=x\\x20decision=allow\n" },
};

START_TEST(test_log_escape)
{
	const struct html_case *c = &log_cases[_i];
	struct log_record rec = blank_record();

	rec.request = c->in;
	ck_assert_int_eq(msg_log_line(line, sizeof(line), &rec),
			 (long)strlen(c->want));
	ck_assert_str_eq(line, c->want);
}
END_TEST

static char *filled(size_t n, char c)
{
	char *s = malloc(n + 1);

	ck_assert_ptr_nonnull(s);
	memset(s, c, n);
	s[n] = '\0';
	return s;
}

struct cut_case {
	size_t len;
	char fill;
	size_t want_value;	/* characters of the value in the line */
	bool cut;
};

static const struct cut_case cut_cases[] = {
	{ 4095, 'A', 4095, false },
	{ 4096, 'A', 4096, false },
	{ 4097, 'A', 4096, true },
	{ 5000, 'A', 4096, true },
	{ 4096, ' ', 4096 * 4, false },
	{ 5000, '\\', 4096 * 4, true },
};

START_TEST(test_log_cut)
{
	const struct cut_case *c = &cut_cases[_i];
	struct log_record rec = blank_record();
	char *v = filled(c->len, c->fill);
	size_t want = sizeof("request=") - 1 + c->want_value +
		      (c->cut ? sizeof(" cut=1") - 1 : 0) + 1;
	long n;

	rec.request = v;
	n = msg_log_line(line, sizeof(line), &rec);
	ck_assert_int_eq(n, (long)want);
	ck_assert_int_eq(line[n - 1], '\n');
	ck_assert(memchr(line, '\n', (size_t)n - 1) == NULL);
	ck_assert_int_eq(strncmp(line + n - 7, " cut=1\n", 7) == 0, c->cut);
	rec.decision = "allow";		/* cut=1 goes after the last field */
	n = msg_log_line(line, sizeof(line), &rec);
	ck_assert_int_eq(strncmp(line + n - 7, " cut=1\n", 7) == 0, c->cut);
	free(v);
}
END_TEST

/* Every field at its worst still fits MSG_MAX_LINE; cut=1 appears once. */
START_TEST(test_log_worst)
{
	char *v = filled(5000, '\xff');
	struct log_record rec = {
		v, 9223372036854775807L, v, v, 9223372036854775807LL, v, v, v,
		v, v, v, v, -2147483647, v, v, v, 9223372036854775807LL,
		2147483647, v, v, v, v, v,
	};
	long n = msg_log_line(line, sizeof(line), &rec);

	ck_assert_int_gt(n, 15 * 4096 * 4);	/* 15 string fields */
	ck_assert_int_eq(strncmp(line + n - 7, " cut=1\n", 7), 0);
	ck_assert_ptr_eq(strstr(line, "cut=1"), line + n - 6);
	free(v);
}
END_TEST

START_TEST(test_log_short)
{
	struct log_record rec = blank_record();
	long n;

	rec.user = "joe";
	rec.decision = "allow";
	n = msg_log_line(line, sizeof(line), &rec);
	ck_assert_int_eq(n, (long)strlen("user=joe decision=allow\n"));
	ck_assert_int_eq(msg_log_line(line, (size_t)n + 1, &rec), n);
	ck_assert_int_eq(msg_log_line(line, (size_t)n, &rec), -1);
	ck_assert_str_eq(line, "");
	ck_assert_int_eq(msg_log_line(line, 1, &rec), -1);
	ck_assert_int_eq(msg_log_line(NULL, 0, &rec), -1);
}
END_TEST

/* ---- trace_add ---- */

static void trace_setup(void)
{
	memset(&tr, 0, sizeof(tr));
	tr.on = true;
}

START_TEST(test_trace_basic)
{
	trace_add(&tr, "user %s uid %d", "joe", 2001);
	trace_add(&tr, "%s", "");
	ck_assert_str_eq(tr.buf, "user joe uid 2001\n\n");
	ck_assert_uint_eq(tr.len, strlen(tr.buf));
	ck_assert(!tr.overflow);
}
END_TEST

START_TEST(test_trace_off)
{
	tr.on = false;
	trace_add(&tr, "x");
	ck_assert_uint_eq(tr.len, 0);
	ck_assert(!tr.overflow);
}
END_TEST

START_TEST(test_trace_escape)
{
	trace_add(&tr, "a\nb\tc\x7f%s|%s", "\x1b[1m", "\xc3\xa9\\");
	ck_assert_str_eq(tr.buf, "a\\x0ab\\x09c\\x7f\\x1b[1m|\xc3\xa9\\\n");
	ck_assert_uint_eq(tr.len, strlen(tr.buf));
	trace_add(&tr, "%s", "\r\n\x01\x1f");
	ck_assert_str_eq(strchr(tr.buf, '\n') + 1, "\\x0d\\x0a\\x01\\x1f\n");
}
END_TEST

struct tr_case {
	const char *text;
	bool fits;	/* with exactly 10 bytes of room (text, '\n', NUL) */
};

static const struct tr_case tr_cases[] = {
	{ "12345678", true },
	{ "123456789", false },
	{ "1234\x01", true },
	{ "12345\x01", false },
	{ "\x01\x02", true },
	{ "\x01\x02\x03", false },
	{ "", true },
};

START_TEST(test_trace_overflow)
{
	const struct tr_case *c = &tr_cases[_i];
	size_t at = sizeof(tr.buf) - 10;

	memset(tr.buf, 'f', at);
	tr.len = at;
	tr.buf[at] = '\0';
	trace_add(&tr, "%s", c->text);
	ck_assert_int_eq(tr.overflow, !c->fits);
	if (c->fits) {
		ck_assert_uint_gt(tr.len, at);
		ck_assert_int_eq(tr.buf[tr.len - 1], '\n');
		ck_assert_int_eq(tr.buf[tr.len], '\0');
		return;
	}
	ck_assert_uint_eq(tr.len, at);
	ck_assert_int_eq(tr.buf[at], '\0');
	trace_add(&tr, "x");		/* nothing more after an overflow */
	ck_assert_uint_eq(tr.len, at);
}
END_TEST

START_TEST(test_trace_fill)
{
	char *big = filled(100, 'b');
	size_t lines = 0;

	while (!tr.overflow) {
		trace_add(&tr, "%s", big);
		lines++;
	}
	ck_assert_uint_eq(tr.len, (lines - 1) * 101);
	ck_assert_uint_eq(lines - 1, (sizeof(tr.buf) - 1) / 101);
	ck_assert_uint_eq(strlen(tr.buf), tr.len);
	free(big);
	big = filled(2 * MSG_MAX_TRACE, 'c');
	trace_setup();
	trace_add(&tr, "%s", big);
	ck_assert(tr.overflow);
	ck_assert_uint_eq(tr.len, 0);
	ck_assert_str_eq(tr.buf, "");
	free(big);
}
END_TEST

static Suite *msg_suite(void)
{
	Suite *s = suite_create("msg");
	TCase *tc = tcase_create("page");

	tcase_add_loop_test(tc, test_escape_html, 0, N(html_cases));
	tcase_add_test(tc, test_escape_html_cap);
	tcase_add_loop_test(tc, test_error_page, 0, N(page_cases));
	tcase_add_loop_test(tc, test_error_page_all, 1, (int)R_COUNT);
	tcase_add_test(tc, test_error_page_short);
	tcase_add_loop_test(tc, test_site_block, 0, N(site_cases));
	tcase_add_test(tc, test_site_block_limits);
	suite_add_tcase(s, tc);
	tc = tcase_create("log");
	tcase_add_test(tc, test_log_spec_examples);
	tcase_add_test(tc, test_log_all_fields);
	tcase_add_loop_test(tc, test_log_omitted, 0, N(omit_cases));
	tcase_add_loop_test(tc, test_log_escape, 0, N(log_cases));
	tcase_add_loop_test(tc, test_log_cut, 0, N(cut_cases));
	tcase_add_test(tc, test_log_worst);
	tcase_add_test(tc, test_log_short);
	suite_add_tcase(s, tc);
	tc = tcase_create("trace");
	tcase_add_checked_fixture(tc, trace_setup, NULL);
	tcase_add_test(tc, test_trace_basic);
	tcase_add_test(tc, test_trace_off);
	tcase_add_test(tc, test_trace_escape);
	tcase_add_loop_test(tc, test_trace_overflow, 0, N(tr_cases));
	tcase_add_test(tc, test_trace_fill);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(msg_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
