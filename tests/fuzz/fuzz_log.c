/*
 * Fuzz target: log and HTML escaping (msg_log_line, msg_escape_html) and
 * the debug trace (trace_add).
 *
 * Input: a flag byte (bit 0: the detail is padded to around the field
 * limit; bit 1: the trace starts nearly full), a size byte, 24 bytes of
 * numbers (pid, uid, exit status: 64 bits each; status and signal are cut
 * from the last), then NUL-separated string fields in log order; a missing
 * field is NULL, and so is a field whose bit in the next-to-last byte of the
 * numbers is set.
 *
 * Checked: a log line is one line: exactly one '\n', at the end, and only
 * bytes 0x20-0x7e before it; its fields come in the spec's order and
 * unescape to the record's values (cut at the field limit, with "cut=1"
 * exactly when one was cut); escaped HTML holds no raw < > " ' and every
 * '&' starts an entity, and unescapes to the source; a trace line is one
 * line with no control byte, or the trace is marked overflowed and
 * unchanged.
 */
#include "fuzz.h"
#include "msg.h"

#define NSTR 18

static char line[MSG_MAX_LINE];
static char html[6 * 8192 + 1];
static struct trace tr;

static const char *const str_keys[NSTR] = {
	"time", "name", "user", "request", "script", "host", "remote_addr",
	"remote_host", "remote_user", "decision", "reason", "acl", "warn",
	"wall", "utime", "stime", "missing", "detail",
};

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Unescape one "\xHH"-escaped value of length n into out; its length. */
static size_t log_unescape(const char *v, size_t n, char *out)
{
	size_t i, o = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)v[i];

		if (c == '\\') {
			int hi, lo;

			FUZZ_CHECK(i + 3 < n && v[i + 1] == 'x');
			hi = hexval(v[i + 2]);
			lo = hexval(v[i + 3]);
			FUZZ_CHECK(hi >= 0 && lo >= 0);
			c = (unsigned char)(hi << 4 | lo);
			/* Escaped only what may not be literal. */
			FUZZ_CHECK(c < 0x21 || c > 0x7e || c == '\\');
			i += 3;
		} else {
			FUZZ_CHECK(c >= 0x21 && c <= 0x7e);
		}
		out[o++] = (char)c;
	}
	return o;
}

struct expect {
	const char *key;
	const char *str;	/* string value, or NULL for num */
	long long num;
};

/* The next token of the line at *pos: key and value spans. */
static void next_token(const char *l, size_t len, size_t *pos,
		       const char **key, size_t *klen, const char **val,
		       size_t *vlen)
{
	const char *sp = memchr(l + *pos, ' ', len - *pos);
	size_t end = sp != NULL ? (size_t)(sp - l) : len;
	const char *eq = memchr(l + *pos, '=', end - *pos);

	FUZZ_CHECK(eq != NULL);
	*key = l + *pos;
	*klen = (size_t)(eq - *key);
	*val = eq + 1;
	*vlen = end - (size_t)(eq + 1 - l);
	*pos = sp != NULL ? end + 1 : len;
}

static void check_line(const struct log_record *rec, const char *const *s)
{
	struct expect ex[NSTR + 6];
	size_t nex = 0, i, pos = 0, len;
	bool cut = false;
	long n = msg_log_line(line, sizeof(line), rec);
	static char unesc[MSG_MAX_FIELD * 4];
	char num[32];

#define STR(i) do { if (s[i] != NULL) { ex[nex].key = str_keys[i]; ex[nex++].str = s[i]; } } while (0)
#define NUM(k, v, shown) do { if (shown) { ex[nex].key = k; ex[nex].str = NULL; ex[nex++].num = v; } } while (0)
	STR(0);
	NUM("pid", rec->pid, rec->pid > 0);
	STR(1); STR(2);
	NUM("uid", rec->uid, rec->uid >= 0);
	STR(3); STR(4); STR(5); STR(6); STR(7); STR(8); STR(9);
	NUM("status", rec->status, rec->status != 0);
	STR(10); STR(11); STR(12);
	NUM("exit", rec->exit_status, rec->exit_status >= 0);
	NUM("signal", rec->signal, rec->signal > 0);
	STR(13); STR(14); STR(15); STR(16); STR(17);
#undef STR
#undef NUM
	FUZZ_CHECK(n > 0 && (size_t)n == strlen(line));
	len = (size_t)n - 1;
	FUZZ_CHECK(line[len] == '\n');
	for (i = 0; i < len; i++)
		FUZZ_CHECK((unsigned char)line[i] >= 0x20 &&
			   (unsigned char)line[i] <= 0x7e);
	for (i = 0; i < nex; i++) {
		const char *k, *v;
		size_t kl, vl, ul, want;

		FUZZ_CHECK(pos < len);
		next_token(line, len, &pos, &k, &kl, &v, &vl);
		FUZZ_CHECK(kl == strlen(ex[i].key) && memcmp(k, ex[i].key, kl) == 0);
		if (ex[i].str == NULL) {
			snprintf(num, sizeof(num), "%lld", ex[i].num);
			FUZZ_CHECK(vl == strlen(num) && memcmp(v, num, vl) == 0);
			continue;
		}
		ul = log_unescape(v, vl, unesc);
		want = strlen(ex[i].str);
		if (want > MSG_MAX_FIELD) {
			want = MSG_MAX_FIELD;
			cut = true;
		}
		FUZZ_CHECK(ul == want && memcmp(unesc, ex[i].str, want) == 0);
	}
	if (cut) {
		FUZZ_CHECK(len - pos == 5 && memcmp(line + pos, "cut=1", 5) == 0);
		pos = len;
	}
	FUZZ_CHECK(pos == len);
	/* Exactly n + 1 bytes are needed. */
	FUZZ_CHECK(msg_log_line(line, (size_t)n + 1, rec) == n);
	FUZZ_CHECK(msg_log_line(line, (size_t)n, rec) == -1 && line[0] == '\0');
}

static const struct {
	const char *ent;
	char c;
} entities[] = {
	{ "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' },
	{ "&#39;", '\'' },
};

static void check_html(const char *src)
{
	long n = msg_escape_html(html, sizeof(html), src);
	const char *s = html, *o = src;
	size_t i;

	FUZZ_CHECK(n >= 0 && (size_t)n == strlen(html));
	while (*s != '\0') {
		FUZZ_CHECK(*s != '<' && *s != '>' && *s != '"' && *s != '\'');
		if (*s != '&') {
			FUZZ_CHECK(*s == *o);
			s++;
			o++;
			continue;
		}
		for (i = 0; i < sizeof(entities) / sizeof(entities[0]); i++)
			if (strncmp(s, entities[i].ent, strlen(entities[i].ent)) == 0)
				break;
		FUZZ_CHECK(i < sizeof(entities) / sizeof(entities[0]));
		FUZZ_CHECK(*o == entities[i].c);
		s += strlen(entities[i].ent);
		o++;
	}
	FUZZ_CHECK(*o == '\0');
	FUZZ_CHECK(msg_escape_html(html, (size_t)n + 1, src) == n);
	FUZZ_CHECK(msg_escape_html(html, (size_t)n, src) == -1);
}

static void check_trace(const char *v)
{
	size_t before = tr.len, i, o = 0;
	bool was_over = tr.overflow;

	trace_add(&tr, "v=%s", v);
	FUZZ_CHECK(tr.len < sizeof(tr.buf) && tr.buf[tr.len] == '\0');
	if (was_over || tr.overflow) {
		FUZZ_CHECK(tr.len == before);
		return;
	}
	FUZZ_CHECK(tr.len > before && tr.buf[tr.len - 1] == '\n');
	FUZZ_CHECK(strncmp(tr.buf + before, "v=", 2) == 0);
	/* One line, control bytes as \xHH, the rest as given. */
	for (i = before + 2; i < tr.len - 1; i++) {
		unsigned char c = (unsigned char)tr.buf[i];

		FUZZ_CHECK(c >= 0x20 && c != 0x7f);
		if (c == '\\' && tr.buf[i + 1] == 'x' && (unsigned char)v[o] != '\\') {
			int hi = hexval(tr.buf[i + 2]), lo = hexval(tr.buf[i + 3]);

			FUZZ_CHECK(hi >= 0 && lo >= 0);
			FUZZ_CHECK((unsigned char)v[o] == (hi << 4 | lo));
			i += 3;
		} else {
			FUZZ_CHECK(tr.buf[i] == v[o]);
		}
		o++;
	}
	FUZZ_CHECK(v[o] == '\0');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	uint8_t flags = fuzz_byte(&in);
	uint8_t sz = fuzz_byte(&in);
	uint8_t nb[24] = { 0 };
	char *f[NSTR];
	const char *s[NSTR];
	struct log_record rec;
	static char pad[MSG_MAX_FIELD + 16];
	uint32_t nulls;
	size_t i;

	for (i = 0; i < sizeof(nb); i++)
		nb[i] = fuzz_byte(&in);
	nulls = (uint32_t)nb[22] | (uint32_t)nb[21] << 8 | (uint32_t)nb[20] << 16;
	for (i = 0; i < NSTR; i++) {
		bool absent = in.len == 0;

		f[i] = fuzz_str(&in, '\0');
		s[i] = absent || (nulls >> i & 1) ? NULL : f[i];
	}
	if (flags & 1) {
		/* A detail of the field limit -8 .. +7 bytes. */
		size_t n = MSG_MAX_FIELD - 8 + (sz & 15);

		memset(pad, '\\', n);
		memcpy(pad, f[17], strnlen(f[17], n));
		pad[n] = '\0';
		s[17] = pad;
	}
	memset(&rec, 0, sizeof(rec));
	memcpy(&rec.pid, nb, sizeof(rec.pid));
	memcpy(&rec.uid, nb + 8, sizeof(rec.uid));
	memcpy(&rec.exit_status, nb + 16, 4);
	rec.exit_status = (int32_t)rec.exit_status;
	rec.status = (int)(int8_t)nb[23] * 7;
	rec.signal = (int)(int8_t)nb[19];
	rec.time = s[0];
	rec.name = s[1];
	rec.user = s[2];
	rec.request = s[3];
	rec.script = s[4];
	rec.host = s[5];
	rec.remote_addr = s[6];
	rec.remote_host = s[7];
	rec.remote_user = s[8];
	rec.decision = s[9];
	rec.reason = s[10];
	rec.acl = s[11];
	rec.warn = s[12];
	rec.wall = s[13];
	rec.utime = s[14];
	rec.stime = s[15];
	rec.missing = s[16];
	rec.detail = s[17];
	check_line(&rec, s);
	/* The trace: fresh, or nearly full. */
	memset(&tr, 0, sizeof(tr));
	tr.on = true;
	if (flags & 2) {
		tr.len = sizeof(tr.buf) - 1 - (sz * 3u);
		memset(tr.buf, 'x', tr.len);
		tr.buf[tr.len] = '\0';
	}
	for (i = 0; i < NSTR; i++) {
		check_html(s[i] != NULL ? s[i] : "");
		check_trace(s[i] != NULL ? s[i] : "");
	}
	tr.on = false;
	i = tr.len;
	trace_add(&tr, "%s", "off");
	FUZZ_CHECK(tr.len == i);
	for (i = 0; i < NSTR; i++)
		free(f[i]);
	return 0;
}
