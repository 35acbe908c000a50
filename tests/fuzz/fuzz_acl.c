/*
 * Fuzz target: allow/deny files (acl_match_ex, acl_next_entry, acl_match)
 * with host checking and netgroups on, netgroups answered by a stub.
 *
 * Input: a flag byte (bit 0: host checking off, bit 1: netgroups off,
 * bit 2: the stub's answer parity), the user up to '\n', REMOTE_ADDR up to
 * '\n', then the file text (any bytes, NULs included).
 */
#include "fuzz.h"
#include "user.h"

struct stub {
	const char *user;
	unsigned calls;
	bool said_yes;
	unsigned parity;
};

/* A netgroup "holds" the user when its first byte's parity is the flag's. */
static bool stub_in_netgroup(const char *netgroup, const char *user, void *ctx)
{
	struct stub *s = ctx;
	size_t n = strlen(netgroup);

	/* What acl_match_ex promises the system layer's innetgr call. */
	FUZZ_CHECK(n > 0 && n <= 256 && strchr(netgroup, '@') == NULL);
	FUZZ_CHECK(strchr(netgroup, '\n') == NULL);
	FUZZ_CHECK(user == s->user);
	FUZZ_CHECK(!s->said_yes);	/* no look-up once the text has matched */
	s->calls++;
	s->said_yes = ((unsigned char)netgroup[0] & 1u) == s->parity;
	return s->said_yes;
}

/* Lines of text as acl_next_entry counts them. */
static size_t count_lines(const char *text, size_t len)
{
	size_t n = 0, i;

	for (i = 0; i < len; i++)
		n += text[i] == '\n';
	return n + (len > 0 && text[len - 1] != '\n');
}

static void check_entries(const char *text, size_t len)
{
	size_t pos = 0, prev = 0, lines = 0;
	struct span e;
	enum acl_line k;

	while ((k = acl_next_entry(text, len, &pos, &e)) != ACL_LINE_END) {
		FUZZ_CHECK(pos > prev && pos <= len);
		lines++;
		if (k == ACL_LINE_ENTRY) {
			FUZZ_CHECK(e.len > 0 && fuzz_within(e.p, e.len, text + prev,
							    pos - prev));
			FUZZ_CHECK(!fuzz_has(e.p, e.len, ' ') &&
				   !fuzz_has(e.p, e.len, '\t') &&
				   !fuzz_has(e.p, e.len, '\n') &&
				   !fuzz_has(e.p, e.len, '\0'));
			FUZZ_CHECK(e.p[0] != '#');
		} else {
			FUZZ_CHECK(e.p == NULL && e.len == 0);
			FUZZ_CHECK(k == ACL_LINE_BLANK || k == ACL_LINE_MALFORMED);
		}
		prev = pos;
	}
	FUZZ_CHECK(pos == len && lines == count_lines(text, len));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	uint8_t flags = fuzz_byte(&in);
	char *user = fuzz_str(&in, '\n');
	char *addr = fuzz_str(&in, '\n');
	size_t len, bad = 99, plain_bad = 99;
	char *text = fuzz_rest(&in, &len);
	struct stub stub = { user, 0, false, (flags >> 2) & 1u };
	struct acl_query q = {
		.user = user,
		.remote_addr = addr,
		.host_checking = !(flags & 1),
		.netgroups = !(flags & 2),
		.in_netgroup = stub_in_netgroup,
		.ctx = &stub,
	};
	bool usable = !q.host_checking || user_remote_addr_valid(addr);
	enum acl_result r = acl_match_ex(text, len, &q, &bad);
	enum acl_result plain = acl_match(text, len, user, &plain_bad);

	FUZZ_CHECK(r == ACL_MATCH || r == ACL_NO_MATCH || r == ACL_MALFORMED);
	if (!usable) {
		FUZZ_CHECK(r == ACL_MALFORMED && bad == 0 && stub.calls == 0);
	} else if (r == ACL_MALFORMED) {
		FUZZ_CHECK(bad >= 1 && bad <= count_lines(text, len));
	} else {
		FUZZ_CHECK(bad == 0);
	}
	if (!q.netgroups)
		FUZZ_CHECK(stub.calls == 0);
	/* A netgroup said yes and the file is well formed: it matched. */
	if (stub.said_yes && r != ACL_MALFORMED)
		FUZZ_CHECK(r == ACL_MATCH);
	/* No '@' entry anywhere (plain parse fine): options change nothing. */
	if (plain != ACL_MALFORMED) {
		FUZZ_CHECK(plain_bad == 0);
		if (usable)
			FUZZ_CHECK(r == plain);
	} else {
		FUZZ_CHECK(plain_bad >= 1 && plain_bad <= count_lines(text, len));
	}
	check_entries(text, len);
	/* The NULL text is an empty file; NULL with a length is refused. */
	FUZZ_CHECK(acl_match(NULL, 0, user, NULL) == ACL_NO_MATCH);
	FUZZ_CHECK(acl_match(NULL, 1, user, NULL) == ACL_MALFORMED);
	free(user);
	free(addr);
	free(text);
	return 0;
}
