/*
 * Fuzz target: the query form (request_query_value) with any key.
 *
 * Input: the key up to the first '\n', then QUERY_STRING (each ends at its
 * first NUL).  Checked against the rule of request.h: the value of the
 * first '&'-separated token whose key is exactly the key.
 */
#include "fuzz.h"
#include "request.h"

/* Whether some token before tok (in q) has exactly this key. */
static bool earlier_token_has_key(const char *q, const char *tok,
				  const char *key, size_t klen)
{
	const char *t = q;

	/* A token's key ends at its first '=': a key holding '=' never matches. */
	if (memchr(key, '=', klen) != NULL)
		return false;
	while (t < tok) {
		size_t tlen = strcspn(t, "&");

		if (tlen > klen && memcmp(t, key, klen) == 0 && t[klen] == '=')
			return true;
		t += tlen + 1;
	}
	return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	char *key = fuzz_str(&in, '\n');
	char *q = fuzz_str(&in, '\0');
	size_t klen = strlen(key), qlen = strlen(q);
	struct span v = { NULL, 1 };
	bool got = request_query_value(q, key, &v);

	if (!got) {
		FUZZ_CHECK(v.len == 0 && v.p != NULL);
		/* Not found: no token is exactly key=... */
		FUZZ_CHECK(!earlier_token_has_key(q, q + qlen + 1, key, klen));
	} else {
		const char *tok = v.p - klen - 1;

		/* The value sits in q, after "key=" at the start of a token. */
		FUZZ_CHECK(fuzz_within(v.p, v.len, q, qlen));
		FUZZ_CHECK(tok >= q && (tok == q || tok[-1] == '&'));
		FUZZ_CHECK(memcmp(tok, key, klen) == 0 && tok[klen] == '=');
		FUZZ_CHECK(!fuzz_has(v.p, v.len, '&'));
		FUZZ_CHECK(v.p[v.len] == '&' || v.p[v.len] == '\0');
		FUZZ_CHECK(!earlier_token_has_key(q, tok, key, klen));
	}
	/* The NULL query has no values. */
	FUZZ_CHECK(!request_query_value(NULL, key, &v) && v.len == 0);
	free(key);
	free(q);
	return 0;
}
