/*
 * Fuzz target: the rewrite file (rewrite_lookup).
 *
 * Input: a byte choosing a small output cap (1-64 bytes), the user up to
 * the first '\n' (ends at a NUL), then the file text (any bytes).  Each
 * input is looked up twice: with that cap and with REWRITE_MAX_PATH.
 */
#include "fuzz.h"
#include "rewrite.h"
#include "user.h"

/* Absolute, no empty, "." or ".." component, no trailing '/'. */
static bool clean_path(const char *s)
{
	const char *c = s;

	if (s[0] != '/' || s[1] == '\0')
		return false;
	while (*c == '/') {
		size_t n = strcspn(c + 1, "/");

		if (n == 0 || (n == 1 && c[1] == '.') ||
		    (n == 2 && c[1] == '.' && c[2] == '.'))
			return false;
		c += n + 1;
	}
	return *c == '\0';
}

static size_t count_lines(const char *text, size_t len)
{
	size_t n = 0, i;

	for (i = 0; i < len; i++)
		n += text[i] == '\n';
	return n + (len > 0 && text[len - 1] != '\n');
}

/* Whether "user:path" appears in text. */
static bool text_has_entry(const char *text, size_t len, const char *user,
			   const char *path)
{
	size_t ulen = strlen(user), plen = strlen(path), i;

	for (i = 0; i + ulen + 1 + plen <= len; i++)
		if (memcmp(text + i, user, ulen) == 0 && text[i + ulen] == ':' &&
		    memcmp(text + i + ulen + 1, path, plen) == 0)
			return true;
	return false;
}

static bool any_line_malformed(const char *text, size_t len)
{
	size_t pos = 0;
	struct span e;
	enum acl_line k;

	while ((k = acl_next_entry(text, len, &pos, &e)) != ACL_LINE_END)
		if (k == ACL_LINE_MALFORMED)
			return true;
	return false;
}

static void check_result(enum reason r, const char *out, size_t cap,
			 bool found, size_t bad, const char *text, size_t len,
			 const char *user)
{
	FUZZ_CHECK(r == R_NONE || r == R_CONFIG_MALFORMED || r == R_INTERNAL);
	if (user[0] == '\0' || strchr(user, ':') != NULL) {
		FUZZ_CHECK(r == R_INTERNAL);
		return;
	}
	FUZZ_CHECK(r != R_INTERNAL);
	if (r != R_NONE) {
		FUZZ_CHECK(out[0] == '\0' && !found);
		FUZZ_CHECK(bad >= 1 && bad <= count_lines(text, len));
		return;
	}
	FUZZ_CHECK(bad == 0 && !any_line_malformed(text, len));
	if (!found) {
		FUZZ_CHECK(out[0] == '\0');
		return;
	}
	FUZZ_CHECK(strlen(out) < cap && clean_path(out));
	FUZZ_CHECK(text_has_entry(text, len, user, out));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	size_t small = 1 + fuzz_byte(&in) % 64;
	char *user = fuzz_str(&in, '\n');
	size_t len, bad_s = 99, bad_b = 99;
	char *text = fuzz_rest(&in, &len);
	char *out_s = malloc(small);
	static char out_b[REWRITE_MAX_PATH];
	bool found_s = true, found_b = true;
	enum reason rs, rb;

	if (out_s == NULL)
		abort();
	rs = rewrite_lookup(text, len, user, out_s, small, &found_s, &bad_s);
	rb = rewrite_lookup(text, len, user, out_b, sizeof(out_b), &found_b,
			    &bad_b);
	check_result(rs, out_s, small, found_s, bad_s, text, len, user);
	check_result(rb, out_b, sizeof(out_b), found_b, bad_b, text, len, user);
	/* The cap only ever refuses the user's own line, never changes it. */
	if (rs == R_NONE)
		FUZZ_CHECK(rb == R_NONE && found_s == found_b &&
			   strcmp(out_s, out_b) == 0);
	else if (rb == R_NONE && rs == R_CONFIG_MALFORMED)
		FUZZ_CHECK(found_b && strlen(out_b) >= small);
	/* Argument checks. */
	FUZZ_CHECK(rewrite_lookup(text, len, user, out_b, 0, &found_b, NULL) ==
		   R_INTERNAL);
	FUZZ_CHECK(rewrite_lookup(text, len, user, NULL, 8, &found_b, NULL) ==
		   R_INTERNAL);
	FUZZ_CHECK(rewrite_lookup(text, len, NULL, out_b, 8, &found_b, NULL) ==
		   R_INTERNAL && !found_b);
	free(out_s);
	free(user);
	free(text);
	return 0;
}
