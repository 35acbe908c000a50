/* Unit tests for user.c: id minimums, /etc/shells, allow/deny files. */
#include <check.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "test_policy.h"
#include "user.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define ACL_NG_LAST 300

/* struct target holds 64 Ki groups: too big for a test's stack. */
static struct target target;

static const struct uid_case {
	uid_t uid;
	unsigned long min_uid;
	enum reason want;
} uid_cases[] = {
	{ 2001, 100, R_NONE },
	{ 100, 100, R_NONE },
	{ 99, 100, R_UID_BELOW_MINIMUM },
	{ 999, 1000, R_UID_BELOW_MINIMUM },
	{ 1, 0, R_NONE },
	{ 0, 100, R_UID_BELOW_MINIMUM },
	{ 0, 0, R_UID_BELOW_MINIMUM },		/* uid 0 whatever the build */
	{ (uid_t)-1, 100, R_UID_BELOW_MINIMUM },	/* "no change" id */
	{ (uid_t)-2, 100, R_NONE },
};

START_TEST(test_uid)
{
	const struct uid_case *c = &uid_cases[_i];
	struct policy p = test_policy();

	p.min_uid = c->min_uid;
	target.uid = c->uid;
	ck_assert_int_eq(user_check_uid(&target, &p), c->want);
}
END_TEST

static const struct gid_case {
	gid_t gid;
	bool has_min;
	unsigned long min_gid;
	enum reason want;
} gid_cases[] = {
	{ 2001, false, 0, R_NONE },
	{ 5, false, 0, R_NONE },
	{ 5, true, 100, R_GID_BELOW_MINIMUM },
	{ 100, true, 100, R_NONE },
	{ 99, true, 100, R_GID_BELOW_MINIMUM },
	{ 0, false, 0, R_GID_BELOW_MINIMUM },
	{ 0, true, 0, R_GID_BELOW_MINIMUM },
	{ (gid_t)-1, false, 0, R_GID_BELOW_MINIMUM },
};

START_TEST(test_gid)
{
	const struct gid_case *c = &gid_cases[_i];
	struct policy p = test_policy();

	p.has_min_gid = c->has_min;
	p.min_gid = c->min_gid;
	target.gid = c->gid;
	ck_assert_int_eq(user_check_gid(&target, &p), c->want);
}
END_TEST

static const struct groups_case {
	size_t n;
	gid_t groups[4];
	bool has_min;
	unsigned long min_gid;
	enum reason want;
} groups_cases[] = {
	{ 0, { 0 }, true, 100, R_NONE },
	{ 1, { 2001 }, false, 0, R_NONE },
	{ 3, { 2001, 27, 100 }, false, 0, R_NONE },
	{ 3, { 2001, 27, 100 }, true, 100, R_SUPP_GID_BELOW_MINIMUM },
	{ 3, { 2001, 100, 150 }, true, 100, R_NONE },
	{ 2, { 2001, 0 }, false, 0, R_SUPP_GID_BELOW_MINIMUM },
	{ 2, { 0, 2001 }, false, 0, R_SUPP_GID_BELOW_MINIMUM },
	{ 2, { 2001, (gid_t)-1 }, false, 0, R_SUPP_GID_BELOW_MINIMUM },
	{ 1, { 2001, 0 }, false, 0, R_NONE },	/* only [0, n) counts */
};

START_TEST(test_groups)
{
	const struct groups_case *c = &groups_cases[_i];
	struct policy p = test_policy();

	p.has_min_gid = c->has_min;
	p.min_gid = c->min_gid;
	memcpy(target.groups, c->groups, sizeof(c->groups));
	target.n_groups = c->n;
	ck_assert_int_eq(user_check_groups(&target, &p), c->want);
}
END_TEST

START_TEST(test_groups_limits)
{
	struct policy p = test_policy();
	size_t i;

	for (i = 0; i < TARGET_MAX_GROUPS; i++)
		target.groups[i] = (gid_t)(1000 + i);
	target.n_groups = TARGET_MAX_GROUPS;
	ck_assert_int_eq(user_check_groups(&target, &p), R_NONE);
	target.groups[TARGET_MAX_GROUPS - 1] = 0;
	ck_assert_int_eq(user_check_groups(&target, &p),
			 R_SUPP_GID_BELOW_MINIMUM);
	target.groups[TARGET_MAX_GROUPS - 1] = 1000;
	target.n_groups = TARGET_MAX_GROUPS + 1;
	ck_assert_int_eq(user_check_groups(&target, &p), R_INTERNAL);
}
END_TEST

/*
 * len 0 means strlen(text); texts with a NUL give their length.  line is
 * the malformed line that user_check_shell names (0 unless malformed).
 */
static const struct shell_case {
	const char *text;
	size_t len;
	const char *shell;
	enum reason want;
	size_t line;
} shell_cases[] = {
	{ "/bin/sh\n/bin/bash\n", 0, "/bin/bash", R_NONE, 0 },
	{ "/bin/sh\n/bin/bash\n", 0, "/bin/sh", R_NONE, 0 },
	{ "/bin/sh", 0, "/bin/sh", R_NONE, 0 },
	{ "/bin/sh\r\n", 0, "/bin/sh", R_NONE, 0 },
	{ "  /bin/sh \t\n", 0, "/bin/sh", R_NONE, 0 },
	{ "# shells\n\n/bin/sh\n", 0, "/bin/sh", R_NONE, 0 },
	{ "/bin/sh # default\n", 0, "/bin/sh", R_NONE, 0 },
	{ "/bin/sh\t#\n", 0, "/bin/sh", R_NONE, 0 },
	{ "/bin/sh\n", 0, "/bin/s", R_SHELL_NOT_ALLOWED, 0 },
	{ "/bin/sh\n", 0, "/bin/shx", R_SHELL_NOT_ALLOWED, 0 },
	{ "/bin/sh\n", 0, "/bin/SH", R_SHELL_NOT_ALLOWED, 0 },
	{ "/bin/sh#x\n", 0, "/bin/sh", R_SHELL_NOT_ALLOWED, 0 },
	{ "# /bin/sh\n", 0, "/bin/sh", R_SHELL_NOT_ALLOWED, 0 },
	{ "#/bin/sh\n", 0, "#/bin/sh", R_SHELL_NOT_ALLOWED, 0 },
	{ "/bin/sh\n", 0, "", R_SHELL_NOT_ALLOWED, 0 },
	{ "\n  \n", 0, "", R_SHELL_NOT_ALLOWED, 0 },
	{ "", 0, "/bin/sh", R_SHELL_NOT_ALLOWED, 0 },
	{ "/bin/sh\n", 0, NULL, R_SHELL_NOT_ALLOWED, 0 },
	/* Malformed by the line rules: the whole file, whoever asks. */
	{ "/bin/sh\n/bin/\x01x\n", 0, "/bin/sh", R_CONFIG_MALFORMED, 2 },
	{ "/bin/sh\n/bin/bash\0\n", 19, "/bin/sh", R_CONFIG_MALFORMED, 2 },
	{ "/bin/sh\r", 0, "/bin/sh", R_CONFIG_MALFORMED, 1 },
	{ "# a\n/bin/sh extra\n", 0, "/bin/sh", R_CONFIG_MALFORMED, 2 },
	{ "/bin/sh\n\x7f\n", 0, "/bin/sh", R_CONFIG_MALFORMED, 2 },
	{ "/bin/sh\n/bin/\x01x\n", 0, NULL, R_CONFIG_MALFORMED, 2 },
};

START_TEST(test_shell)
{
	const struct shell_case *c = &shell_cases[_i];
	size_t len = c->len != 0 ? c->len : strlen(c->text);
	size_t line = 99;

	ck_assert_int_eq(user_check_shell(c->text, len, c->shell, &line),
			 c->want);
	ck_assert_uint_eq(line, c->line);
}
END_TEST

START_TEST(test_shell_long_line)
{
	static char text[5000];
	size_t line = 99;

	memset(text, ' ', sizeof(text));
	memcpy(text, "/bin/sh\n", 8);
	ck_assert_int_eq(user_check_shell(text, 8 + 4096, "/bin/sh", &line),
			 R_NONE);
	ck_assert_uint_eq(line, 0);
	ck_assert_int_eq(user_check_shell(text, 8 + 4097, "/bin/sh", &line),
			 R_CONFIG_MALFORMED);
	ck_assert_uint_eq(line, 2);
	ck_assert_int_eq(user_check_shell(NULL, 0, "/bin/sh", &line),
			 R_SHELL_NOT_ALLOWED);
	ck_assert_int_eq(user_check_shell(NULL, 1, "/bin/sh", &line),
			 R_CONFIG_MALFORMED);
}
END_TEST

static const struct acl_case {
	const char *text;
	size_t len;		/* 0: strlen(text) */
	const char *user;
	enum acl_result want;
	size_t bad_line;
} acl_cases[] = {
	{ "joe\n", 0, "joe", ACL_MATCH, 0 },
	{ "joe", 0, "joe", ACL_MATCH, 0 },
	{ "ann\njoe\nbob\n", 0, "joe", ACL_MATCH, 0 },
	{ "ann\nbob\n", 0, "joe", ACL_NO_MATCH, 0 },
	{ "", 0, "joe", ACL_NO_MATCH, 0 },
	{ "Joe\n", 0, "joe", ACL_NO_MATCH, 0 },
	{ "jo\n", 0, "joe", ACL_NO_MATCH, 0 },
	{ "joey\n", 0, "joe", ACL_NO_MATCH, 0 },
	{ "  joe\t \n", 0, "joe", ACL_MATCH, 0 },
	{ "joe\r\n", 0, "joe", ACL_MATCH, 0 },
	{ "\r\n\r\njoe\r\n", 0, "joe", ACL_MATCH, 0 },
	{ "# joe\n", 0, "joe", ACL_NO_MATCH, 0 },
	{ "#joe\n", 0, "#joe", ACL_NO_MATCH, 0 },
	{ "   # joe\n", 0, "joe", ACL_NO_MATCH, 0 },
	{ "joe # the admin\n", 0, "joe", ACL_MATCH, 0 },
	{ "joe\t#x y z\n", 0, "joe", ACL_MATCH, 0 },
	{ "joe#x\n", 0, "joe", ACL_NO_MATCH, 0 },
	{ "joe#x\n", 0, "joe#x", ACL_MATCH, 0 },
	{ "j\xc3\xb6rg\n", 0, "j\xc3\xb6rg", ACL_MATCH, 0 },
	{ "joe x\n", 0, "joe", ACL_MALFORMED, 1 },
	{ "ann\njoe x\n", 0, "joe", ACL_MALFORMED, 2 },
	{ "jo\te\n", 0, "jo", ACL_MALFORMED, 1 },
	{ "joe\nann x\n", 0, "joe", ACL_MALFORMED, 2 },	/* after a match */
	{ "\n\n# c\n\njoe x\n", 0, "ann", ACL_MALFORMED, 5 },
	{ "joe\x01\n", 0, "joe", ACL_MALFORMED, 1 },
	{ "ann\njoe\x1b[m\n", 0, "joe", ACL_MALFORMED, 2 },
	{ "joe\x7f\n", 0, "joe", ACL_MALFORMED, 1 },
	{ "joe\0\n", 5, "joe", ACL_MALFORMED, 1 },
	{ "# c\0mment\njoe\n", 14, "joe", ACL_MALFORMED, 1 },
	{ "joe\rx\n", 0, "joe", ACL_MALFORMED, 1 },
	{ "joe\r", 0, "joe", ACL_MALFORMED, 1 },
	{ "joe\r\r\n", 0, "joe", ACL_MALFORMED, 1 },
	{ "joe@host\n", 0, "joe", ACL_MALFORMED, 1 },
	{ "joe@10.0.0.1\n", 0, "ann", ACL_MALFORMED, 1 },
	{ "*@10.0.0.0/8\n", 0, "joe", ACL_MALFORMED, 1 },
	{ "+@staff\n", 0, "joe", ACL_MALFORMED, 1 },
	{ "+joe\n", 0, "joe", ACL_MALFORMED, 1 },
	{ "+\n", 0, "joe", ACL_MALFORMED, 1 },
	{ "*\n", 0, "joe", ACL_MALFORMED, 1 },
	{ "joe:/home/joe/alt-cgi\n", 0, "joe", ACL_MALFORMED, 1 },
	{ "joe/x\n", 0, "joe", ACL_MALFORMED, 1 },
	{ "joe\n", 0, NULL, ACL_MALFORMED, 0 },
};

START_TEST(test_acl)
{
	const struct acl_case *c = &acl_cases[_i];
	size_t len = c->len != 0 ? c->len : strlen(c->text);
	size_t bad = 12345;

	ck_assert_int_eq(acl_match(c->text, len, c->user, &bad), c->want);
	ck_assert_uint_eq(bad, c->bad_line);
	ck_assert_int_eq(acl_match(c->text, len, c->user, NULL), c->want);
}
END_TEST

/* Line and entry limits: 4096 bytes a line (CR LF not counted), 256 a name. */
START_TEST(test_acl_limits)
{
	static char text[5000];
	static char name[300];
	size_t bad = 0;

	memset(text, ' ', sizeof(text));
	memcpy(text, "joe", 3);
	text[4096] = '\n';
	ck_assert_int_eq(acl_match(text, 4097, "joe", &bad), ACL_MATCH);
	text[4096] = '\r';
	text[4097] = '\n';
	ck_assert_int_eq(acl_match(text, 4098, "joe", &bad), ACL_MATCH);
	text[4096] = ' ';
	ck_assert_int_eq(acl_match(text, 4098, "joe", &bad), ACL_MALFORMED);
	ck_assert_uint_eq(bad, 1);
	ck_assert_int_eq(acl_match(text, 4097, "joe", &bad), ACL_MALFORMED);

	memset(name, 'a', 257);
	name[256] = '\0';
	memcpy(text, name, 256);
	text[256] = '\n';
	ck_assert_int_eq(acl_match(text, 257, name, &bad), ACL_MATCH);
	name[256] = 'a';
	name[257] = '\0';
	memcpy(text, name, 257);
	text[257] = '\n';
	ck_assert_int_eq(acl_match(text, 258, name, &bad), ACL_MALFORMED);
	ck_assert_int_eq(acl_match(NULL, 0, "joe", &bad), ACL_NO_MATCH);
	ck_assert_int_eq(acl_match(NULL, 5, "joe", &bad), ACL_MALFORMED);
	ck_assert_uint_eq(bad, 0);
}
END_TEST

/* ---- acl_next_entry: the shared line rules ---- */

static const struct line_case {
	const char *text;
	enum acl_line want;
	const char *entry;	/* for ACL_LINE_ENTRY */
} line_cases[] = {
	{ "joe\n", ACL_LINE_ENTRY, "joe" },
	{ " \tjoe:/a # c\r\n", ACL_LINE_ENTRY, "joe:/a" },
	{ "joe#x\n", ACL_LINE_ENTRY, "joe#x" },
	{ "\n", ACL_LINE_BLANK, NULL },
	{ " \t \r\n", ACL_LINE_BLANK, NULL },
	{ "# x y\n", ACL_LINE_BLANK, NULL },
	{ "", ACL_LINE_END, NULL },
	{ "a b\n", ACL_LINE_MALFORMED, NULL },
	{ "a\x02\n", ACL_LINE_MALFORMED, NULL },
	{ "a\r", ACL_LINE_MALFORMED, NULL },
};

START_TEST(test_next_entry)
{
	const struct line_case *c = &line_cases[_i];
	struct span e = { "x", 1 };
	size_t pos = 0;

	ck_assert_int_eq(acl_next_entry(c->text, strlen(c->text), &pos, &e),
			 c->want);
	if (c->want == ACL_LINE_ENTRY) {
		ck_assert_uint_eq(e.len, strlen(c->entry));
		ck_assert(memcmp(e.p, c->entry, e.len) == 0);
	} else {
		ck_assert_ptr_null(e.p);
		ck_assert_uint_eq(e.len, 0);
	}
	if (c->want != ACL_LINE_END)
		ck_assert_uint_eq(pos, strlen(c->text));
	ck_assert_int_eq(acl_next_entry(c->text, strlen(c->text), &pos, &e),
			 ACL_LINE_END);
}
END_TEST

START_TEST(test_next_entry_null)
{
	struct span e;
	size_t pos = 0;

	ck_assert_int_eq(acl_next_entry(NULL, 0, &pos, &e), ACL_LINE_END);
	ck_assert_int_eq(acl_next_entry(NULL, 3, &pos, &e),
			 ACL_LINE_MALFORMED);
}
END_TEST

/* ---- user_remote_addr_valid (spec 7.1 row 1) ---- */

static const struct addr_case {
	const char *addr;
	bool valid;
} addr_cases[] = {
	{ "192.0.2.7", true }, { "0.0.0.0", true },
	{ "255.255.255.255", true }, { "10.0.0.1", true },
	{ "::", true }, { "::1", true }, { "1::", true },
	{ "2001:db8::1", true }, { "2001:DB8:0:0:0:0:0:1", true },
	{ "1:2:3:4:5:6:7:8", true },
	{ "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", true },
	{ "0001:0002:0003:0004:0005:0006:0007:0008", true },
	{ "::2:3:4:5:6:7:8", true }, { "1:2:3:4:5:6:7::", true },
	{ "1:2:3::5:6:7:8", true }, { "fe80::1:2:3:4:5:6", true },
	{ "::ffff:192.0.2.7", true }, { "::1.2.3.4", true },
	{ "1:2:3:4:5:6:1.2.3.4", true }, { "1::5:6:1.2.3.4", true },
	{ "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255", true },
	{ NULL, false }, { "", false }, { "1.2.3", false },
	{ "1.2.3.4.5", false }, { "256.0.0.1", false }, { "1.2.3.256", false },
	{ "01.2.3.4", false }, { "1.2.3.04", false }, { "00.1.2.3", false },
	{ "1.2.3.1000", false }, { "1..2.3", false }, { ".1.2.3", false },
	{ "1.2.3.4.", false }, { "1.2.3.-4", false }, { "+1.2.3.4", false },
	{ " 1.2.3.4", false }, { "1.2.3.4 ", false }, { "1.2.3.4/8", false },
	{ "a.b.c.d", false }, { "0x1.2.3.4", false }, { "1.2.3.4\n", false },
	{ "16909060", false }, { ":", false }, { ":::", false },
	{ "1:2:3:4:5:6:7", false }, { "1:2:3:4:5:6:7:8:9", false },
	{ "1::2::3", false }, { "::1::", false }, { ":1::", false },
	{ "1:", false }, { ":1:2:3:4:5:6:7:8", false },
	{ "1:2:3:4:5:6:7:8:", false }, { "1:2:3:4:5:6:7:8::", false },
	{ "::1:2:3:4:5:6:7:8", false }, { "1:::2", false },
	{ "12345::", false }, { "g::", false }, { "fe80::1%eth0", false },
	{ "[::1]", false }, { "::ffff:1.2.3", false },
	{ "::ffff:01.2.3.4", false }, { "1.2.3.4::", false },
	{ "::1.2.3.4:5", false }, { "1.2.3.4::1", false },
	{ "1:2:3:4:5:6:7:1.2.3.4", false },
	{ "1:2:3:4:5:6:7:8:1.2.3.4", false },
	{ "localhost", false }, { "::1 ", false }, { ":: 1", false },
	{ "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.2550", false },
	{ "0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0", false },
};

START_TEST(test_remote_addr)
{
	const struct addr_case *c = &addr_cases[_i];

	ck_assert_msg(user_remote_addr_valid(c->addr) == c->valid, "%s",
		      c->addr != NULL ? c->addr : "(null)");
}
END_TEST

/* ---- acl_match_ex: host entries and netgroups ---- */

static int ng_calls;
static char ng_last[ACL_NG_LAST];

/* innetgr stand-in: "staff" holds joe and ann; ctx must be passed through. */
static bool fake_innetgr(const char *netgroup, const char *user, void *ctx)
{
	size_t len = strlen(netgroup);

	ck_assert_ptr_eq(ctx, &ng_calls);
	ck_assert_uint_lt(len, sizeof(ng_last));
	memcpy(ng_last, netgroup, len + 1);
	ng_calls++;
	return strcmp(netgroup, "staff") == 0 &&
	       (strcmp(user, "joe") == 0 || strcmp(user, "ann") == 0);
}

#define H 1	/* host checking */
#define G 2	/* netgroups */

static const struct acl_ex_case {
	const char *text;
	const char *user;
	const char *addr;
	unsigned opt;
	enum acl_result want;
	size_t bad_line;
} acl_ex_cases[] = {
	/* IPv4 specs */
	{ "joe@192.0.2.7\n", "joe", "192.0.2.7", H, ACL_MATCH, 0 },
	{ "joe@192.0.2.7\n", "ann", "192.0.2.7", H, ACL_NO_MATCH, 0 },
	{ "joe@192.0.2.7\n", "joe", "192.0.2.8", H, ACL_NO_MATCH, 0 },
	{ "Joe@192.0.2.7\n", "joe", "192.0.2.7", H, ACL_NO_MATCH, 0 },
	{ "*@192.0.2.0/24\n", "bob", "192.0.2.200", H, ACL_MATCH, 0 },
	{ "*@192.0.2.0/24\n", "bob", "192.0.3.1", H, ACL_NO_MATCH, 0 },
	{ "*@192.0.2.0/255.255.255.0\n", "bob", "192.0.2.1", H, ACL_MATCH, 0 },
	{ "*@192.0.2.0/255.255.255.0\n", "bob", "192.0.1.255", H, ACL_NO_MATCH, 0 },
	{ "*@192.0.2.7/255.255.255.255\n", "bob", "192.0.2.7", H, ACL_MATCH, 0 },
	{ "*@192.0.2.7/32\n", "bob", "192.0.2.6", H, ACL_NO_MATCH, 0 },
	{ "*@0.0.0.0/0\n", "bob", "203.0.113.9", H, ACL_MATCH, 0 },
	{ "*@1.2.3.4/0.0.0.0\n", "bob", "203.0.113.9", H, ACL_MATCH, 0 },
	{ "*@0.0.0.0/0\n", "bob", "2001:db8::1", H, ACL_NO_MATCH, 0 },
	{ "*@10.0.0.0/8\n", "bob", "10.255.1.2", H, ACL_MATCH, 0 },
	{ "*@10.0.0.0/8\n", "bob", "11.0.0.0", H, ACL_NO_MATCH, 0 },
	{ "*@10.1.2.3/8\n", "bob", "10.9.9.9", H, ACL_MATCH, 0 },
	{ "*@10.0.0.0/9\n", "bob", "10.127.255.255", H, ACL_MATCH, 0 },
	{ "*@10.0.0.0/9\n", "bob", "10.128.0.0", H, ACL_NO_MATCH, 0 },
	{ "*@10.0.0.0/255.128.0.0\n", "bob", "10.128.0.0", H, ACL_NO_MATCH, 0 },
	{ "*@192.0.2.7/31\n", "bob", "192.0.2.6", H, ACL_MATCH, 0 },
	/* IPv4-mapped clients match IPv4 specs; nothing else crosses over */
	{ "*@192.0.2.7\n", "bob", "::ffff:192.0.2.7", H, ACL_MATCH, 0 },
	{ "*@192.0.2.0/24\n", "bob", "::FFFF:c000:2ff", H, ACL_MATCH, 0 },
	{ "*@192.0.2.7\n", "bob", "::192.0.2.7", H, ACL_NO_MATCH, 0 },
	{ "*@192.0.2.7\n", "bob", "::fffe:192.0.2.7", H, ACL_NO_MATCH, 0 },
	{ "*@192.0.2.7\n", "bob", "2001:db8::c000:207", H, ACL_NO_MATCH, 0 },
	{ "*@::ffff:192.0.2.7\n", "bob", "192.0.2.7", H, ACL_NO_MATCH, 0 },
	{ "*@::ffff:192.0.2.7\n", "bob", "::ffff:c000:207", H, ACL_MATCH, 0 },
	/* IPv6 specs */
	{ "*@2001:db8::/32\n", "bob", "2001:db8:ffff::1", H, ACL_MATCH, 0 },
	{ "*@2001:db8::/32\n", "bob", "2001:db9::1", H, ACL_NO_MATCH, 0 },
	{ "*@2001:db8::1\n", "bob", "2001:DB8:0:0:0:0:0:1", H, ACL_MATCH, 0 },
	{ "*@2001:db8::1\n", "bob", "2001:db8::2", H, ACL_NO_MATCH, 0 },
	{ "*@::/0\n", "bob", "::1", H, ACL_MATCH, 0 },
	{ "*@::/0\n", "bob", "192.0.2.7", H, ACL_NO_MATCH, 0 },
	{ "*@2001:db8::/128\n", "bob", "2001:db8::", H, ACL_MATCH, 0 },
	{ "*@2001:db8::/128\n", "bob", "2001:db8::1", H, ACL_NO_MATCH, 0 },
	{ "*@2001:db8::/33\n", "bob", "2001:db8:7fff::", H, ACL_MATCH, 0 },
	{ "*@2001:db8::/33\n", "bob", "2001:db8:8000::", H, ACL_NO_MATCH, 0 },
	{ "*@fe80::1:2:3:4:5:6/127\n", "bob", "fe80:0:1:2:3:4:5:7", H,
	  ACL_MATCH, 0 },
	{ "*@::ffff:0.0.0.0/96\n", "bob", "::ffff:10.1.1.1", H, ACL_MATCH, 0 },
	/* lists, comments, several lines */
	{ "joe@10.0.0.1,192.0.2.0/24\n", "joe", "192.0.2.5", H, ACL_MATCH, 0 },
	{ "joe@10.0.0.1,2001:db8::/32\n", "joe", "2001:db8::5", H, ACL_MATCH, 0 },
	{ "joe@10.0.0.1,10.0.0.2\n", "joe", "10.0.0.3", H, ACL_NO_MATCH, 0 },
	{ "joe@192.0.2.7 # office\n", "joe", "192.0.2.7", H, ACL_MATCH, 0 },
	{ "ann\njoe@10.0.0.1\n", "joe", "192.0.2.7", H, ACL_NO_MATCH, 0 },
	{ "ann\njoe@10.0.0.1\n", "ann", "192.0.2.7", H, ACL_MATCH, 0 },
	{ "joe@192.0.2.7\nx@bad\n", "joe", "192.0.2.7", H, ACL_MALFORMED, 2 },
	{ "ann@1.2.3.4/33\njoe\n", "joe", "192.0.2.7", H, ACL_MALFORMED, 1 },
	/* malformed host entries */
	{ "joe@\n", "joe", "192.0.2.7", H, ACL_MALFORMED, 1 },
	{ "@192.0.2.7\n", "joe", "192.0.2.7", H, ACL_MALFORMED, 1 },
	{ "joe@1.2.3.4,\n", "joe", "1.2.3.4", H, ACL_MALFORMED, 1 },
	{ "joe@,1.2.3.4\n", "joe", "1.2.3.4", H, ACL_MALFORMED, 1 },
	{ "joe@1.2.3.4,,1.2.3.5\n", "joe", "1.2.3.4", H, ACL_MALFORMED, 1 },
	{ "joe@1.2.3\n", "joe", "1.2.3.4", H, ACL_MALFORMED, 1 },
	{ "joe@256.1.1.1\n", "joe", "1.2.3.4", H, ACL_MALFORMED, 1 },
	{ "joe@01.2.3.4\n", "joe", "1.2.3.4", H, ACL_MALFORMED, 1 },
	{ "joe@1.2.3.4/33\n", "joe", "1.2.3.4", H, ACL_MALFORMED, 1 },
	{ "joe@1.2.3.4/\n", "joe", "1.2.3.4", H, ACL_MALFORMED, 1 },
	{ "joe@1.2.3.4/08\n", "joe", "1.2.3.4", H, ACL_MALFORMED, 1 },
	{ "joe@1.2.3.4/-1\n", "joe", "1.2.3.4", H, ACL_MALFORMED, 1 },
	{ "joe@1.2.3.4/1000\n", "joe", "1.2.3.4", H, ACL_MALFORMED, 1 },
	{ "joe@1.2.3.4/255.0.255.0\n", "joe", "1.2.3.4", H, ACL_MALFORMED, 1 },
	{ "joe@1.2.3.4/0.255.255.255\n", "joe", "1.2.3.4", H, ACL_MALFORMED, 1 },
	{ "joe@1.2.3.4/255.255.255.256\n", "joe", "1.2.3.4", H, ACL_MALFORMED, 1 },
	{ "joe@1.2.3.4/255.255.255\n", "joe", "1.2.3.4", H, ACL_MALFORMED, 1 },
	{ "joe@1.2.3.4/1.2.3.4/8\n", "joe", "1.2.3.4", H, ACL_MALFORMED, 1 },
	{ "joe@1.2.3.4/8/8\n", "joe", "1.2.3.4", H, ACL_MALFORMED, 1 },
	{ "joe@2001:db8::/129\n", "joe", "1.2.3.4", H, ACL_MALFORMED, 1 },
	{ "joe@2001:db8::/ffff::\n", "joe", "1.2.3.4", H, ACL_MALFORMED, 1 },
	{ "joe@2001:db8::/255.255.0.0\n", "joe", "1.2.3.4", H, ACL_MALFORMED, 1 },
	{ "joe@2001:db8:::1\n", "joe", "1.2.3.4", H, ACL_MALFORMED, 1 },
	{ "joe@fe80::1%eth0\n", "joe", "1.2.3.4", H, ACL_MALFORMED, 1 },
	{ "joe@[::1]\n", "joe", "1.2.3.4", H, ACL_MALFORMED, 1 },
	{ "joe@host.example.org\n", "joe", "1.2.3.4", H, ACL_MALFORMED, 1 },
	{ "joe@1.2.3.4@5.6.7.8\n", "joe", "1.2.3.4", H, ACL_MALFORMED, 1 },
	{ "joe@1.2.3.4 5.6.7.8\n", "joe", "1.2.3.4", H, ACL_MALFORMED, 1 },
	{ "jo*e@1.2.3.4\n", "joe", "1.2.3.4", H, ACL_MALFORMED, 1 },
	{ "**@1.2.3.4\n", "joe", "1.2.3.4", H, ACL_MALFORMED, 1 },
	{ "+joe@1.2.3.4\n", "joe", "1.2.3.4", H, ACL_MALFORMED, 1 },
	{ "j/oe@1.2.3.4\n", "joe", "1.2.3.4", H, ACL_MALFORMED, 1 },
	{ "j:oe@1.2.3.4\n", "joe", "1.2.3.4", H, ACL_MALFORMED, 1 },
	/* host entries need host checking */
	{ "joe@1.2.3.4\n", "joe", "1.2.3.4", 0, ACL_MALFORMED, 1 },
	{ "joe@1.2.3.4\n", "joe", "1.2.3.4", G, ACL_MALFORMED, 1 },
	{ "*@1.2.3.4\n", "joe", NULL, 0, ACL_MALFORMED, 1 },
	/* netgroups */
	{ "+@staff\n", "joe", NULL, G, ACL_MATCH, 0 },
	{ "+@staff\n", "bob", NULL, G, ACL_NO_MATCH, 0 },
	{ "+@other\n", "joe", NULL, G, ACL_NO_MATCH, 0 },
	{ "bob\n+@staff # admins\n", "ann", "192.0.2.7", G | H, ACL_MATCH, 0 },
	{ "+@staff\n*@192.0.2.0/24\n", "bob", "192.0.2.7", G | H, ACL_MATCH, 0 },
	{ "+@\n", "joe", NULL, G, ACL_MALFORMED, 1 },
	{ "+@staff@x\n", "joe", NULL, G, ACL_MALFORMED, 1 },
	{ "+@staff x\n", "joe", NULL, G, ACL_MALFORMED, 1 },
	{ "+joe\n", "joe", NULL, G, ACL_MALFORMED, 1 },
	{ "+\n", "joe", NULL, G, ACL_MALFORMED, 1 },
	{ "+@staff\n", "joe", NULL, 0, ACL_MALFORMED, 1 },
	{ "ann\n+@staff\n", "ann", "1.2.3.4", H, ACL_MALFORMED, 2 },
	/* plain names still work with the options on */
	{ "joe\n", "joe", "192.0.2.7", G | H, ACL_MATCH, 0 },
	{ "joe\n", "joe", "not an address", G, ACL_MATCH, 0 },
	{ "", "joe", "192.0.2.7", G | H, ACL_NO_MATCH, 0 },
	/* queries that cannot be answered */
	{ "joe\n", "joe", NULL, H, ACL_MALFORMED, 0 },
	{ "joe\n", "joe", "", H, ACL_MALFORMED, 0 },
	{ "joe\n", "joe", "192.0.2.07", H, ACL_MALFORMED, 0 },
	{ "joe\n", "joe", "fe80::1%eth0", H, ACL_MALFORMED, 0 },
	{ "joe\n", NULL, "192.0.2.7", H, ACL_MALFORMED, 0 },
};

START_TEST(test_acl_ex)
{
	const struct acl_ex_case *c = &acl_ex_cases[_i];
	struct acl_query q = {
		c->user, c->addr, (c->opt & H) != 0, (c->opt & G) != 0,
		fake_innetgr, &ng_calls,
	};
	size_t bad = 12345;

	ck_assert_msg(acl_match_ex(c->text, strlen(c->text), &q, &bad) ==
		      c->want, "case %d: %s", _i, c->text);
	ck_assert_uint_eq(bad, c->bad_line);
	ck_assert_int_eq(acl_match_ex(c->text, strlen(c->text), &q, NULL),
			 c->want);
}
END_TEST

/* The callback: a NUL-terminated name, skipped once the text has matched. */
START_TEST(test_acl_netgroup_calls)
{
	struct acl_query q = { "joe", NULL, false, true, fake_innetgr,
			       &ng_calls };
	static const char text[] = "+@web-admins # c\n+@staff\n+@staff\n"
				   "+@later\n";

	ng_calls = 0;
	ck_assert_int_eq(acl_match_ex(text, sizeof(text) - 1, &q, NULL),
			 ACL_MATCH);
	ck_assert_int_eq(ng_calls, 2);
	ck_assert_str_eq(ng_last, "staff");
	ng_calls = 0;
	ck_assert_int_eq(acl_match_ex("+@a\n+@b\n+@\n", 12, &q, NULL),
			 ACL_MALFORMED);
	ck_assert_int_eq(ng_calls, 2);
	q.in_netgroup = NULL;
	ck_assert_int_eq(acl_match_ex("joe\n", 4, &q, NULL), ACL_MALFORMED);
	q.netgroups = false;
	ck_assert_int_eq(acl_match_ex("joe\n", 4, &q, NULL), ACL_MATCH);
	ck_assert_int_eq(acl_match_ex("joe\n", 4, NULL, NULL), ACL_MALFORMED);
	ck_assert_int_eq(acl_match_ex(NULL, 0, &q, NULL), ACL_NO_MATCH);
	ck_assert_int_eq(acl_match_ex(NULL, 1, &q, NULL), ACL_MALFORMED);
}
END_TEST

/* A who of 256 bytes and a netgroup of 256 bytes; one more is malformed. */
START_TEST(test_acl_ex_limits)
{
	static char text[600];
	static char name[300];
	struct acl_query q = { name, "192.0.2.7", true, true, fake_innetgr,
			       &ng_calls };
	size_t bad = 0;

	memset(name, 'a', 257);
	name[256] = '\0';
	memcpy(text, name, 256);
	memcpy(text + 256, "@192.0.2.7\n", 11);
	ck_assert_int_eq(acl_match_ex(text, 267, &q, &bad), ACL_MATCH);
	name[256] = 'a';
	name[257] = '\0';
	memcpy(text, name, 257);
	memcpy(text + 257, "@192.0.2.7\n", 11);
	ck_assert_int_eq(acl_match_ex(text, 268, &q, &bad), ACL_MALFORMED);
	ck_assert_uint_eq(bad, 1);
	memcpy(text, "+@", 2);
	memset(text + 2, 'g', 256);
	text[258] = '\n';
	ng_calls = 0;
	ck_assert_int_eq(acl_match_ex(text, 259, &q, &bad), ACL_NO_MATCH);
	ck_assert_int_eq(ng_calls, 1);
	ck_assert_uint_eq(strlen(ng_last), 256);
	text[258] = 'g';
	text[259] = '\n';
	ck_assert_int_eq(acl_match_ex(text, 260, &q, &bad), ACL_MALFORMED);
}
END_TEST

#define M ACL_MATCH
#define NM ACL_NO_MATCH
#define BAD ACL_MALFORMED

static const struct decide_case {
	bool a_exists;
	enum acl_result a;
	bool d_exists;
	enum acl_result d;
	enum reason want;
} decide_cases[] = {
	{ false, NM, false, NM, R_ACCESS_FILES_MISSING },
	{ false, M, false, M, R_ACCESS_FILES_MISSING },
	{ false, BAD, false, BAD, R_ACCESS_FILES_MISSING },
	{ true, M, false, NM, R_NONE },
	{ true, NM, false, NM, R_ACCESS_DENIED },
	{ true, BAD, false, NM, R_CONFIG_MALFORMED },
	{ false, NM, true, NM, R_NONE },
	{ false, BAD, true, NM, R_NONE },	/* an absent file's result is moot */
	{ false, NM, true, M, R_ACCESS_DENIED },
	{ false, NM, true, BAD, R_CONFIG_MALFORMED },
	{ true, M, true, NM, R_NONE },
	{ true, M, true, M, R_ACCESS_DENIED },
	{ true, NM, true, NM, R_ACCESS_DENIED },
	{ true, NM, true, M, R_ACCESS_DENIED },
	{ true, M, true, BAD, R_CONFIG_MALFORMED },
	{ true, BAD, true, M, R_CONFIG_MALFORMED },
	{ true, NM, true, BAD, R_CONFIG_MALFORMED },
	{ true, M, false, BAD, R_NONE },
	{ true, (enum acl_result)7, false, NM, R_ACCESS_DENIED },
	{ false, NM, true, (enum acl_result)7, R_ACCESS_DENIED },
	{ true, M, true, (enum acl_result)-1, R_ACCESS_DENIED },
};

START_TEST(test_decide)
{
	const struct decide_case *c = &decide_cases[_i];

	ck_assert_int_eq(acl_decide(c->a_exists, c->a, c->d_exists, c->d),
			 c->want);
}
END_TEST

static Suite *user_suite(void)
{
	Suite *s = suite_create("user");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_uid, 0, (int)N(uid_cases));
	tcase_add_loop_test(tc, test_gid, 0, (int)N(gid_cases));
	tcase_add_loop_test(tc, test_groups, 0, (int)N(groups_cases));
	tcase_add_test(tc, test_groups_limits);
	tcase_add_loop_test(tc, test_shell, 0, (int)N(shell_cases));
	tcase_add_test(tc, test_shell_long_line);
	tcase_add_loop_test(tc, test_acl, 0, (int)N(acl_cases));
	tcase_add_test(tc, test_acl_limits);
	tcase_add_loop_test(tc, test_next_entry, 0, (int)N(line_cases));
	tcase_add_test(tc, test_next_entry_null);
	tcase_add_loop_test(tc, test_remote_addr, 0, (int)N(addr_cases));
	tcase_add_loop_test(tc, test_acl_ex, 0, (int)N(acl_ex_cases));
	tcase_add_test(tc, test_acl_netgroup_calls);
	tcase_add_test(tc, test_acl_ex_limits);
	tcase_add_loop_test(tc, test_decide, 0, (int)N(decide_cases));
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(user_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
