/*
 * Fuzz target: the error response (msg_error_page, msg_error_page_with)
 * for every reason (and two out of range), NPH or not, with a policy built
 * from the input.
 *
 * Input: a flag byte (bit 0 quiet errors, bit 1 one site value padded to
 * the field limit with the byte that escapes worst, bit 2 charset unset,
 * bit 3 the padding one byte over the limit), a byte choosing the reason
 * (and the padded value),
 * then NUL-separated: the charset, the six site values (site, doc, contact
 * name, e-mail, phone, contact page) and a sentence.
 *
 * Checked: the status line and header match the reason and cannot be split;
 * the body is well formed for its fixed tag set (every '<' starts a known
 * tag, every '&' an entity, quotes only around attribute values); every
 * value shown appears escaped; the length and cap contract.
 */
#include "fuzz.h"
#include "msg.h"
#include "test_policy.h"

static char page[MSG_MAX_PAGE];
static char small[MSG_MAX_PAGE];

static const char *const tags[] = {
	"<!DOCTYPE html>", "<html>", "<head>", "<title>", "</title>",
	"</head>", "<body>", "<h1>", "</h1>", "<p>", "</p>", "<hr>", "</a>",
	"</body>", "</html>",
};
/* Tags with one attribute: the value runs to the next '"', then '">'. */
static const char *const attr_tags[] = { "<meta charset=\"", "<a href=\"" };

static const char *const entities[] = {
	"&amp;", "&lt;", "&gt;", "&quot;", "&#39;",
};

/* Whether s starts with p (a plain loop: libc's compare is hooked by
 * libFuzzer, which makes big pages slow). */
static size_t starts_with(const char *s, const char *p)
{
	size_t i;

	for (i = 0; p[i] != '\0'; i++)
		if (s[i] != p[i])
			return 0;
	return i;
}

static size_t match_any(const char *s, const char *const *set, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i++)
		if ((k = starts_with(s, set[i])) > 0)
			return k;
	return 0;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Text or attribute value: no raw markup, every '&' an entity. */
static const char *check_text(const char *s, char stop)
{
	while (*s != '\0' && *s != stop) {
		FUZZ_CHECK(*s != '<' && *s != '>' && *s != '"' && *s != '\'');
		if (*s == '&') {
			size_t n = match_any(s, entities, COUNT(entities));

			FUZZ_CHECK(n > 0);
			s += n;
			continue;
		}
		s++;
	}
	return s;
}

static void check_body(const char *s)
{
	size_t n;

	while (*s != '\0') {
		s = check_text(s, '<');
		if (*s == '\0')
			break;
		n = match_any(s, tags, COUNT(tags));
		if (n > 0) {
			s += n;
			continue;
		}
		n = match_any(s, attr_tags, COUNT(attr_tags));
		FUZZ_CHECK(n > 0);
		s = check_text(s + n, '"');
		FUZZ_CHECK(starts_with(s, "\">") == 2);
		s += 2;
	}
}

/* Reference escaping, appended to *o. */
static void ref_escape(char **o, const char *v)
{
	for (; *v != '\0'; v++) {
		const char *e = *v == '&' ? "&amp;" : *v == '<' ? "&lt;" :
				*v == '>' ? "&gt;" : *v == '"' ? "&quot;" :
				*v == '\'' ? "&#39;" : NULL;

		if (e == NULL) {
			*(*o)++ = *v;
		} else {
			memcpy(*o, e, strlen(e));
			*o += strlen(e);
		}
	}
}

static void ref_line(char **o, const char *label, const char *v, bool link,
		     const char *scheme)
{
	if (v == NULL || v[0] == '\0' || strlen(v) > MSG_MAX_FIELD)
		return;
	*o += sprintf(*o, "<p>%s", label);
	if (link) {
		*o += sprintf(*o, "<a href=\"%s", scheme);
		ref_escape(o, v);
		*o += sprintf(*o, "\">");
	}
	ref_escape(o, v);
	*o += sprintf(*o, "%s</p>\n", link ? "</a>" : "");
}

/* The page ends with exactly the site block of msg.h, then the end tags. */
static void check_site_block(const char *body, const char *const *site)
{
	static char want[MSG_MAX_PAGE];
	char *o = want;
	size_t blen = strlen(body), wlen;
	size_t head = (size_t)sprintf(o, "</p>\n<hr>\n");

	o += head;
	ref_line(&o, "Site: ", site[0], true, "");
	ref_line(&o, "Documentation: ", site[1], true, "");
	ref_line(&o, "Contact: ", site[2], false, "");
	ref_line(&o, "E-mail: ", site[3], true, "mailto:");
	ref_line(&o, "Phone: ", site[4], false, "");
	ref_line(&o, "Contact page: ", site[5], true, "");
	if (o == want + head)
		o = want + 4;	/* no value shown: no block at all */
	o += sprintf(o, "</body></html>\n");
	wlen = (size_t)(o - want);
	FUZZ_CHECK(blen >= wlen && memcmp(body + blen - wlen, want, wlen) == 0);
}

static const char *quiet[] = {
	"The request could not be understood.",
	"The server refused to run this script.",
	"The requested script was not found.",
	"The server could not run this script.",
};

static void check_page(enum reason r, const struct policy *p, bool nph,
		       const char *sentence, const char *const *site,
		       bool check_site)
{
	const char *eol = nph ? "\r\n" : "\n";
	char first[64];
	long n = msg_error_page_with(page, sizeof(page), r, sentence, p, nph);
	const char *body, *c;
	size_t i;

	FUZZ_CHECK(n > 0 && (size_t)n == strlen(page));
	snprintf(first, sizeof(first), "%s%d %s%s", nph ? "HTTP/1.0 " : "Status: ",
		 reason_status(r), reason_phrase(reason_status(r)), eol);
	FUZZ_CHECK(strncmp(page, first, strlen(first)) == 0);
	body = strstr(page, nph ? "\r\n\r\n" : "\n\n");
	FUZZ_CHECK(body != NULL);
	/* Two header lines, no control byte but their line ends. */
	for (c = page, i = 0; c < body; c++) {
		if (*c == '\r' || *c == '\n') {
			FUZZ_CHECK(strncmp(c, eol, strlen(eol)) == 0);
			c += strlen(eol) - 1;
			i++;
			continue;
		}
		FUZZ_CHECK((unsigned char)*c >= 0x20 && (unsigned char)*c < 0x7f);
	}
	FUZZ_CHECK(i == 1);
	body += 2 * strlen(eol);
	FUZZ_CHECK(strncmp(body, "<!DOCTYPE html>", 15) == 0);
	check_body(body);
	if (p->quiet_errors) {
		for (i = 0; i < COUNT(quiet); i++)
			if (strstr(body, quiet[i]) != NULL)
				break;
		FUZZ_CHECK(i < COUNT(quiet));
	}
	if (check_site)
		check_site_block(body, site);
	/* Exactly n + 1 bytes are needed; anything less gives -1 and "". */
	FUZZ_CHECK(msg_error_page_with(small, (size_t)n + 1, r, sentence, p, nph) == n);
	FUZZ_CHECK(memcmp(small, page, (size_t)n + 1) == 0);
	FUZZ_CHECK(msg_error_page_with(small, (size_t)n, r, sentence, p, nph) == -1);
	FUZZ_CHECK(small[0] == '\0');
}

int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Once: the worst case MSG_MAX_PAGE is sized for fits, for every reason. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static char v[MSG_MAX_FIELD + 1];
	const char *site[6] = { v, v, v, v, v, v };
	struct policy p = test_policy();
	int r;

	(void)argc;
	(void)argv;
	memset(v, '"', MSG_MAX_FIELD);
	p.local_site_url = p.local_doc_url = p.local_contact_name = v;
	p.local_contact_email = p.local_contact_phone = v;
	p.local_contact_url = v;
	for (r = 0; r <= R_COUNT + 1; r++) {
		check_page((enum reason)r, &p, false, NULL, site, r == 0);
		check_page((enum reason)r, &p, true, NULL, site, false);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	uint8_t flags = fuzz_byte(&in);
	uint8_t rsel = fuzz_byte(&in);
	char *cs = fuzz_str(&in, '\0');
	char *val[6];
	const char *site[6];
	char *sentence;
	struct policy p = test_policy();
	static char pad[6][MSG_MAX_FIELD + 2];
	int r, nph, i;

	for (i = 0; i < 6; i++) {
		val[i] = fuzz_str(&in, '\0');
		site[i] = val[i];
		if ((flags & 2) && i == rsel % 6) {
			/* One value at the field limit, of the byte escaping worst. */
			size_t n = MSG_MAX_FIELD + ((flags >> 3) & 1);

			memset(pad[i], '"', n);
			memcpy(pad[i], val[i], strnlen(val[i], n));
			pad[i][n] = '\0';
			site[i] = pad[i];
		}
	}
	sentence = fuzz_str(&in, '\0');
	p.quiet_errors = flags & 1;
	p.charset = (flags & 4) ? NULL : cs;
	p.local_site_url = site[0];
	p.local_doc_url = site[1];
	p.local_contact_name = site[2];
	p.local_contact_email = site[3];
	p.local_contact_phone = site[4];
	p.local_contact_url = site[5];
	/* Every reason, and two values out of range (they map to internal). */
	/* The reason (two values past the table map to internal), both modes. */
	r = (int)(rsel % (R_COUNT + 2));
	for (nph = 0; nph < 2; nph++) {
		check_page((enum reason)r, &p, nph, NULL, site, nph == 0);
		/* Padded pages are large: the one check is enough for them. */
		if (!(flags & 2))
			check_page((enum reason)r, &p, nph, sentence, site,
				   false);
	}
	FUZZ_CHECK(msg_error_page(NULL, 0, R_INTERNAL, &p, false) == -1);
	for (i = 0; i < 6; i++)
		free(val[i]);
	free(cs);
	free(sentence);
	return 0;
}
