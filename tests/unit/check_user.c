/* Unit tests for user.c: id minimums, /etc/shells, allow/deny files. */
#include <check.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "test_policy.h"
#include "user.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

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

/* len 0 means strlen(text); texts with a NUL give their length. */
static const struct shell_case {
	const char *text;
	size_t len;
	const char *shell;
	bool want;
} shell_cases[] = {
	{ "/bin/sh\n/bin/bash\n", 0, "/bin/bash", true },
	{ "/bin/sh\n/bin/bash\n", 0, "/bin/sh", true },
	{ "/bin/sh", 0, "/bin/sh", true },
	{ "/bin/sh\r\n", 0, "/bin/sh", true },
	{ "  /bin/sh \t\n", 0, "/bin/sh", true },
	{ "# shells\n\n/bin/sh\n", 0, "/bin/sh", true },
	{ "/bin/sh\n", 0, "/bin/s", false },
	{ "/bin/sh\n", 0, "/bin/shx", false },
	{ "/bin/sh\n", 0, "/bin/SH", false },
	{ "/bin/sh # default\n", 0, "/bin/sh", false },
	{ "# /bin/sh\n", 0, "/bin/sh", false },
	{ "#/bin/sh\n", 0, "#/bin/sh", false },
	{ "/bin/sh\n", 0, "", false },
	{ "\n  \n", 0, "", false },
	{ "", 0, "/bin/sh", false },
	{ "/bin/sh\n", 0, NULL, false },
	{ "/bin/sh\n/bin/\x01x\n", 0, "/bin/sh", false },
	{ "/bin/sh\n/bin/bash\0\n", 19, "/bin/sh", false },
	{ "/bin/sh\r", 0, "/bin/sh", false },
};

START_TEST(test_shell)
{
	const struct shell_case *c = &shell_cases[_i];
	size_t len = c->len != 0 ? c->len : strlen(c->text);

	ck_assert(user_shell_listed(c->text, len, c->shell) == c->want);
}
END_TEST

START_TEST(test_shell_long_line)
{
	static char text[5000];

	memset(text, ' ', sizeof(text));
	memcpy(text, "/bin/sh\n", 8);
	ck_assert(user_shell_listed(text, 8 + 4096, "/bin/sh"));
	ck_assert(!user_shell_listed(text, 8 + 4097, "/bin/sh"));
	ck_assert(!user_shell_listed(NULL, 0, "/bin/sh"));
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
