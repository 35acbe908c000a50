/*
 * Fuzz target: the request parsers (request_user, request_script,
 * request_query_value) and the script path splitter that consumes the
 * candidate (script_next_component, script_check_name, script_argv0).
 *
 * Input: one flag byte (bit 0: PATH_INFO unset, bit 1: QUERY_STRING unset),
 * then PATH_INFO up to the first '\n', then QUERY_STRING.  Each ends at its
 * first NUL, as an environment value does.
 */
#include "fuzz.h"
#include "request.h"
#include "script.h"
#include "test_policy.h"

/* Reference: the exact-key query lookup, written independently. */
static bool ref_query_value(const char *q, const char *key, const char **v,
			    size_t *vlen)
{
	size_t klen = strlen(key);

	while (q != NULL) {
		size_t tlen = strcspn(q, "&");

		if (tlen > klen && memcmp(q, key, klen) == 0 && q[klen] == '=') {
			*v = q + klen + 1;
			*vlen = tlen - klen - 1;
			return true;
		}
		q = q[tlen] == '&' ? q + tlen + 1 : NULL;
	}
	return false;
}

static bool bad_user_byte(unsigned char c)
{
	return c < 0x20 || c == 0x7f || c == ' ' || c == '/' || c == ':';
}

static void check_user(const char *pi, const char *q)
{
	char out[REQUEST_MAX_USER + 1];
	enum reason r = request_user(pi, q, out);
	const char *u = "";
	size_t ulen = 0, i;

	/* The expected name: first PATH_INFO component, else ?user=. */
	if (pi != NULL) {
		u = pi + strspn(pi, "/");
		ulen = strcspn(u, "/");
	}
	if (ulen == 0 && !ref_query_value(q, "user", &u, &ulen))
		ulen = 0;
	if (ulen > 0 && u[0] == '~') {
		u++;
		ulen--;
	}
	if (r != R_NONE)
		FUZZ_CHECK(out[0] == '\0');
	if (ulen == 0) {
		FUZZ_CHECK(r == R_NO_USER);
		return;
	}
	for (i = 0; i < ulen; i++)
		if (bad_user_byte((unsigned char)u[i]))
			break;
	if (ulen > REQUEST_MAX_USER || i < ulen) {
		FUZZ_CHECK(r == R_UNKNOWN_USER);
		return;
	}
	FUZZ_CHECK(r == R_NONE);
	FUZZ_CHECK(strlen(out) == ulen && memcmp(out, u, ulen) == 0);
	/* What the rest of the wrapper relies on, restated. */
	for (i = 0; out[i] != '\0'; i++)
		FUZZ_CHECK(!bad_user_byte((unsigned char)out[i]));
}

/* The candidate's components: no '/', in order, covering the candidate. */
static void check_components(struct span cand)
{
	struct policy strict = test_policy();
	struct policy loose = test_policy();
	size_t pos = 0, prev = 0, covered = 0, n = 0;
	struct span c;

	loose.strict_names = false;
	while (script_next_component(cand.p, cand.len, &pos, &c)) {
		enum reason rs = script_check_name(c, &strict);
		enum reason rl = script_check_name(c, &loose);

		FUZZ_CHECK(pos > prev && pos <= cand.len);
		FUZZ_CHECK(c.p == cand.p + prev);
		FUZZ_CHECK(!fuzz_has(c.p, c.len, '/'));
		covered += c.len + (c.p + c.len < cand.p + cand.len);
		prev = pos;
		n++;
		if (rl == R_NONE) {
			FUZZ_CHECK(c.len > 0 && c.p[0] != '.');
			FUZZ_CHECK(!fuzz_has(c.p, c.len, '\0'));
		} else {
			FUZZ_CHECK(rs == rl || rs == R_STRICT_NAME);
		}
		if (rs == R_NONE) {
			size_t i;

			FUZZ_CHECK(rl == R_NONE);
			for (i = 0; i < c.len; i++)
				FUZZ_CHECK((unsigned char)c.p[i] > 0x20 &&
					   (unsigned char)c.p[i] < 0x7f);
		}
	}
	FUZZ_CHECK(pos == cand.len && covered == cand.len);
	FUZZ_CHECK(n <= cand.len);
}

static void check_argv0(struct span cand)
{
	char *rel = malloc(cand.len + 1);
	const char *a0;
	size_t slashes = 0, i;

	if (rel == NULL)
		abort();
	memcpy(rel, cand.p, cand.len);
	rel[cand.len] = '\0';
	a0 = script_argv0(rel);
	FUZZ_CHECK(a0 != NULL && a0 >= rel && a0 <= rel + strlen(rel));
	for (i = 0; rel[i] != '\0'; i++)
		slashes += rel[i] == '/';
	/* Fewer than two '/': the whole path; else it starts at a '/'. */
	FUZZ_CHECK(slashes < 2 ? a0 == rel : a0[0] == '/');
	free(rel);
}

static void check_script(const char *pi, const char *q)
{
	struct span cand;
	bool from_query = true;
	enum reason r = request_script(pi, q, &cand, &from_query);

	if (r != R_NONE) {
		FUZZ_CHECK(r == R_NO_SCRIPT);
		FUZZ_CHECK(cand.len == 0 && !from_query);
		return;
	}
	FUZZ_CHECK(cand.len > 0 && cand.p[0] != '/');
	if (from_query) {
		FUZZ_CHECK(q != NULL && fuzz_within(cand.p, cand.len, q, strlen(q)));
		FUZZ_CHECK(!fuzz_has(cand.p, cand.len, '&'));
	} else {
		/* The rest of PATH_INFO, to its end. */
		FUZZ_CHECK(pi != NULL && fuzz_within(cand.p, cand.len, pi, strlen(pi)));
		FUZZ_CHECK(cand.p + cand.len == pi + strlen(pi));
	}
	check_components(cand);
	check_argv0(cand);
}

static void check_query(const char *q, const char *key)
{
	struct span v;
	const char *rv = NULL;
	size_t rlen = 0;
	bool got = request_query_value(q, key, &v);
	bool want = ref_query_value(q, key, &rv, &rlen);

	FUZZ_CHECK(got == want);
	if (!got) {
		FUZZ_CHECK(v.len == 0);
		return;
	}
	FUZZ_CHECK(v.p == rv && v.len == rlen);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	uint8_t flags = fuzz_byte(&in);
	char *pi = fuzz_str(&in, '\n');
	char *q = fuzz_str(&in, '\0');
	const char *pip = (flags & 1) ? NULL : pi;
	const char *qp = (flags & 2) ? NULL : q;

	check_user(pip, qp);
	check_script(pip, qp);
	if (qp != NULL) {
		check_query(qp, "user");
		check_query(qp, "script");
	}
	free(pi);
	free(q);
	return 0;
}
