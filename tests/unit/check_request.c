/* Unit tests for request.c: the user, the script candidate, query values. */
#include <check.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "request.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Spec 6 row numbers are noted where a case pins a worked example. */
static const struct user_case {
	const char *path_info;
	const char *query;
	enum reason want;
	const char *name;
} user_cases[] = {
	{ "/joe/env.cgi", NULL, R_NONE, "joe" },				/* 1 */
	{ "/~joe/sub/deeper/argv.cgi/extra/more", NULL, R_NONE, "joe" },	/* 2 */
	{ "/joe/sub/argv.cgi/", NULL, R_NONE, "joe" },			/* 3 */
	{ "/joe//sub//argv.cgi/", NULL, R_NONE, "joe" },			/* 4 */
	{ "/joe", NULL, R_NONE, "joe" },					/* 7 */
	{ "/joe/", NULL, R_NONE, "joe" },					/* 8 */
	{ NULL, "user=joe&script=argv.cgi", R_NONE, "joe" },		/* 9 */
	{ "/joe", "script=sub/argv.cgi/zz", R_NONE, "joe" },		/* 10 */
	{ NULL, "a=1&username=joe&scripts=argv.cgi", R_NO_USER, "" },	/* 11 */
	{ NULL, "user=%7Ejoe&script=argv.cgi", R_NONE, "%7Ejoe" },	/* 12 */
	{ "/joe/../../../../root/secretdir/secret.txt", NULL, R_NONE, "joe" }, /* 13 */
	{ "/joe", "script=argv.cgi/AAAA", R_NONE, "joe" },		/* 20 */
	{ "", "user=joe", R_NONE, "joe" },
	{ NULL, NULL, R_NO_USER, "" },
	{ "", "", R_NO_USER, "" },
	{ "", NULL, R_NO_USER, "" },
	{ "/", "user=joe", R_NONE, "joe" },
	{ "///", "user=joe&script=x", R_NONE, "joe" },
	{ "/", NULL, R_NO_USER, "" },
	{ "///joe/x.cgi", NULL, R_NONE, "joe" },
	{ "joe/x.cgi", NULL, R_NONE, "joe" },
	{ "/joe/x.cgi", "user=ann", R_NONE, "joe" },
	{ "/~", NULL, R_NO_USER, "" },
	{ "/~/x.cgi", "user=joe", R_NO_USER, "" },
	{ NULL, "user=~", R_NO_USER, "" },
	{ NULL, "user=~joe", R_NONE, "joe" },
	{ "/~~joe/x.cgi", NULL, R_NONE, "~joe" },
	{ NULL, "user&user=joe", R_NONE, "joe" },
	{ NULL, "user=", R_NO_USER, "" },
	{ NULL, "user=&user=joe", R_NO_USER, "" },
	{ NULL, "USER=joe", R_NO_USER, "" },
	{ "/j%6fe/x", NULL, R_NONE, "j%6fe" },
	{ "/j\xc3\xb6rg/x", NULL, R_NONE, "j\xc3\xb6rg" },
	{ "/jo\x01" "e/x", NULL, R_UNKNOWN_USER, "" },
	{ "/jo\x1f" "e", NULL, R_UNKNOWN_USER, "" },
	{ "/jo\x7f" "e", NULL, R_UNKNOWN_USER, "" },
	{ "/jo\te/x", NULL, R_UNKNOWN_USER, "" },
	{ "/jo e/x", NULL, R_UNKNOWN_USER, "" },
	{ "/jo:e/x", NULL, R_UNKNOWN_USER, "" },
	{ "/~jo:e", NULL, R_UNKNOWN_USER, "" },
	{ NULL, "user=jo/e", R_UNKNOWN_USER, "" },
	{ NULL, "user=jo e", R_UNKNOWN_USER, "" },
	{ NULL, "user=jo\ne", R_UNKNOWN_USER, "" },
	{ NULL, "user=~/joe", R_UNKNOWN_USER, "" },
};

START_TEST(test_user)
{
	const struct user_case *c = &user_cases[_i];
	char out[REQUEST_MAX_USER + 1];

	memset(out, 'X', sizeof(out));
	ck_assert_int_eq(request_user(c->path_info, c->query, out), c->want);
	ck_assert_str_eq(out, c->name);
}
END_TEST

/* A name of n bytes (after an optional '~') in PATH_INFO and in the query. */
static void check_user_length(const char *tilde, size_t n, enum reason want)
{
	static char path[600];
	static char query[600];
	char out[REQUEST_MAX_USER + 1];
	size_t t = strlen(tilde);

	path[0] = '/';
	memcpy(path + 1, tilde, t);
	memset(path + 1 + t, 'a', n);
	memcpy(path + 1 + t + n, "/x.cgi", sizeof("/x.cgi"));
	ck_assert_int_eq(request_user(path, NULL, out), want);
	ck_assert_uint_eq(strlen(out), want == R_NONE ? n : 0);

	memcpy(query, "user=", 5);
	memcpy(query + 5, tilde, t);
	memset(query + 5 + t, 'a', n);
	memcpy(query + 5 + t + n, "&script=x", sizeof("&script=x"));
	ck_assert_int_eq(request_user(NULL, query, out), want);
	ck_assert_uint_eq(strlen(out), want == R_NONE ? n : 0);
}

START_TEST(test_user_length)
{
	check_user_length("", 1, R_NONE);
	check_user_length("", REQUEST_MAX_USER, R_NONE);
	check_user_length("", REQUEST_MAX_USER + 1, R_UNKNOWN_USER);
	check_user_length("~", REQUEST_MAX_USER, R_NONE);
	check_user_length("~", REQUEST_MAX_USER + 1, R_UNKNOWN_USER);
	check_user_length("", 500, R_UNKNOWN_USER);
}
END_TEST

static const struct script_case {
	const char *path_info;
	const char *query;
	enum reason want;
	const char *candidate;
	bool from_query;
} script_cases[] = {
	{ "/joe/env.cgi", NULL, R_NONE, "env.cgi", false },		/* 1 */
	{ "/~joe/sub/deeper/argv.cgi/extra/more", NULL, R_NONE,
	  "sub/deeper/argv.cgi/extra/more", false },			/* 2 */
	{ "/joe/sub/argv.cgi/", NULL, R_NONE, "sub/argv.cgi/", false },	/* 3 */
	{ "/joe//sub//argv.cgi/", NULL, R_NONE, "sub//argv.cgi/", false }, /* 4 */
	{ "/joe//sub/argv.cgi", NULL, R_NONE, "sub/argv.cgi", false },	/* 4 */
	{ "/joe/sub//argv.cgi/", NULL, R_NONE, "sub//argv.cgi/", false },
	{ "/joe/sub/argv.cgi//x//y/", NULL, R_NONE,
	  "sub/argv.cgi//x//y/", false },				/* 5 */
	{ "/joe/sub/", NULL, R_NONE, "sub/", false },			/* 6 */
	{ "/joe", NULL, R_NO_SCRIPT, "", false },			/* 7 */
	{ "/joe/", NULL, R_NO_SCRIPT, "", false },			/* 8 */
	{ "/joe///", NULL, R_NO_SCRIPT, "", false },
	{ NULL, "user=joe&script=argv.cgi", R_NONE, "argv.cgi", true },	/* 9 */
	{ "/joe", "script=sub/argv.cgi/zz", R_NONE,
	  "sub/argv.cgi/zz", true },					/* 10 */
	{ NULL, "a=1&username=joe&scripts=argv.cgi", R_NO_SCRIPT,
	  "", false },							/* 11 */
	{ NULL, "user=%7Ejoe&script=argv.cgi", R_NONE, "argv.cgi", true }, /* 12 */
	{ "/joe/../../../../root/secretdir/secret.txt", NULL, R_NONE,
	  "../../../../root/secretdir/secret.txt", false },		/* 13 */
	{ "/joe/", "script=x.cgi", R_NONE, "x.cgi", true },
	{ "/joe", "script=/x.cgi", R_NONE, "x.cgi", true },
	{ "/joe", "script=//sub/x.cgi", R_NONE, "sub/x.cgi", true },
	{ "/joe", "script=///", R_NO_SCRIPT, "", false },
	{ "/joe", "script=", R_NO_SCRIPT, "", false },
	{ "/joe", "script", R_NO_SCRIPT, "", false },
	{ "/joe", "script&script=y.cgi", R_NONE, "y.cgi", true },
	{ "/joe", "script=a.cgi&script=b.cgi", R_NONE, "a.cgi", true },
	{ "/joe", "script=a.cgi&x=1", R_NONE, "a.cgi", true },
	{ "/joe/x.cgi", "script=y.cgi", R_NONE, "x.cgi", false },
	{ "/", "user=joe&script=x.cgi", R_NONE, "x.cgi", true },
	{ "", "user=joe&script=x.cgi", R_NONE, "x.cgi", true },
	{ NULL, NULL, R_NO_SCRIPT, "", false },
	{ "", "", R_NO_SCRIPT, "", false },
	{ "/", NULL, R_NO_SCRIPT, "", false },
	{ "/joe", "Script=x.cgi", R_NO_SCRIPT, "", false },
};

/* The candidate must be a slice of the caller's string, not a copy. */
static bool is_inside(struct span s, const char *base)
{
	return base != NULL && s.p >= base && s.p + s.len <= base + strlen(base);
}

START_TEST(test_script)
{
	const struct script_case *c = &script_cases[_i];
	struct span cand = { NULL, 99 };
	bool from_query = !c->from_query;

	ck_assert_int_eq(request_script(c->path_info, c->query, &cand,
					&from_query), c->want);
	ck_assert_ptr_nonnull(cand.p);
	ck_assert_uint_eq(cand.len, strlen(c->candidate));
	ck_assert(memcmp(cand.p, c->candidate, cand.len) == 0);
	ck_assert(from_query == c->from_query);
	if (c->want == R_NONE)
		ck_assert(is_inside(cand, c->from_query ? c->query
							: c->path_info));
}
END_TEST

/* Spec 6 row 20: a long extra path is a slice, never copied anywhere. */
START_TEST(test_script_long_query)
{
	static char query[400];
	struct span cand;
	bool from_query = false;
	size_t i;

	memcpy(query, "script=argv.cgi/", 16);
	memset(query + 16, 'A', 300);
	query[316] = '\0';
	ck_assert_int_eq(request_script("/joe", query, &cand, &from_query),
			 R_NONE);
	ck_assert(from_query);
	ck_assert_ptr_eq(cand.p, query + 7);
	ck_assert_uint_eq(cand.len, 309);
	for (i = 9; i < cand.len; i++)
		ck_assert_int_eq(cand.p[i], 'A');
}
END_TEST

static const struct query_case {
	const char *query;
	const char *key;
	bool found;
	const char *value;
} query_cases[] = {
	{ "user=joe", "user", true, "joe" },
	{ "a=1&user=joe", "user", true, "joe" },
	{ "user=joe&a=1", "user", true, "joe" },
	{ "a=1&username=joe&scripts=argv.cgi", "user", false, "" },
	{ "a=1&username=joe&scripts=argv.cgi", "script", false, "" },
	{ "xuser=1&user=2", "user", true, "2" },
	{ "use=1", "user", false, "" },
	{ "USER=joe", "user", false, "" },
	{ "user", "user", false, "" },
	{ "user&user=joe", "user", true, "joe" },
	{ "user=", "user", true, "" },
	{ "user=&user=joe", "user", true, "" },
	{ "user=a&user=b", "user", true, "a" },
	{ "user=a=b", "user", true, "a=b" },
	{ "&&user=x&", "user", true, "x" },
	{ "=x", "user", false, "" },
	{ "user=%7Ejoe", "user", true, "%7Ejoe" },
	{ "script=x;y+z", "script", true, "x;y+z" },
	{ "", "user", false, "" },
	{ NULL, "user", false, "" },
};

START_TEST(test_query_value)
{
	const struct query_case *c = &query_cases[_i];
	struct span v = { NULL, 99 };

	ck_assert(request_query_value(c->query, c->key, &v) == c->found);
	ck_assert_ptr_nonnull(v.p);
	ck_assert_uint_eq(v.len, strlen(c->value));
	ck_assert(memcmp(v.p, c->value, v.len) == 0);
	if (c->found)
		ck_assert(is_inside(v, c->query));
}
END_TEST

static Suite *request_suite(void)
{
	Suite *s = suite_create("request");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_user, 0, (int)N(user_cases));
	tcase_add_test(tc, test_user_length);
	tcase_add_loop_test(tc, test_script, 0, (int)N(script_cases));
	tcase_add_test(tc, test_script_long_query);
	tcase_add_loop_test(tc, test_query_value, 0, (int)N(query_cases));
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(request_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
