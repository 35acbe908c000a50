/* Unit tests of rewrite.c: the rewrite file of spec 7.4. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "rewrite.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

struct rw_case {
	const char *text;
	size_t len;		/* 0: strlen(text) */
	const char *user;
	enum reason want;
	const char *path;	/* "" when not found */
	size_t bad_line;
};

#define MAL R_CONFIG_MALFORMED

static const struct rw_case rw_cases[] = {
	/* spec 6 row 19 */
	{ "joe:/home/joe/alt-cgi\n", 0, "joe", R_NONE, "/home/joe/alt-cgi", 0 },
	{ "joe:/home/joe/alt-cgi", 0, "joe", R_NONE, "/home/joe/alt-cgi", 0 },
	{ "joe:/home/joe/alt-cgi\n", 0, "ann", R_NONE, "", 0 },
	{ "", 0, "joe", R_NONE, "", 0 },
	{ "ann:/a\njoe:/b\n", 0, "joe", R_NONE, "/b", 0 },
	{ "joe:/a\njoe:/b\n", 0, "joe", R_NONE, "/a", 0 },
	{ "joey:/a\njoe:/b\n", 0, "joe", R_NONE, "/b", 0 },
	{ "jo:/a\n", 0, "joe", R_NONE, "", 0 },
	{ "Joe:/a\n", 0, "joe", R_NONE, "", 0 },
	{ "  joe:/a \t\r\n", 0, "joe", R_NONE, "/a", 0 },
	{ "ann:/x\r\njoe:/a\r\n", 0, "joe", R_NONE, "/a", 0 },
	{ "# comment\n\n   \njoe:/a # note\n", 0, "joe", R_NONE, "/a", 0 },
	{ "#joe:/a\n", 0, "joe", R_NONE, "", 0 },
	{ "joe:/a#x\n", 0, "joe", R_NONE, "/a#x", 0 },
	{ "joe:/a:b\n", 0, "joe", R_NONE, "/a:b", 0 },
	{ "joe:/a/..b/.c/d..\n", 0, "joe", R_NONE, "/a/..b/.c/d..", 0 },
	{ "joe:/\xc3\xa9\n", 0, "joe", R_NONE, "/\xc3\xa9", 0 },
	{ "j\xc3\xb6rg:/a\n", 0, "j\xc3\xb6rg", R_NONE, "/a", 0 },
	/* the whole file is checked, matched line or not */
	{ "joe:/a\njoe:relative\n", 0, "joe", MAL, "", 2 },
	{ "ann:/ok\nbroken\njoe:/x\n", 0, "joe", MAL, "", 2 },
	{ "ann:/a b\njoe:/x\n", 0, "joe", MAL, "", 1 },
	/* bad paths */
	{ "joe:\n", 0, "joe", MAL, "", 1 },
	{ "joe:relative/dir\n", 0, "joe", MAL, "", 1 },
	{ "joe:~/cgi\n", 0, "joe", MAL, "", 1 },
	{ "joe:/\n", 0, "joe", MAL, "", 1 },
	{ "joe:/a/\n", 0, "joe", MAL, "", 1 },
	{ "joe://a\n", 0, "joe", MAL, "", 1 },
	{ "joe:/a//b\n", 0, "joe", MAL, "", 1 },
	{ "joe:/a/./b\n", 0, "joe", MAL, "", 1 },
	{ "joe:/a/../b\n", 0, "joe", MAL, "", 1 },
	{ "joe:/..\n", 0, "joe", MAL, "", 1 },
	{ "joe:/.\n", 0, "joe", MAL, "", 1 },
	{ "joe:/a/..\n", 0, "joe", MAL, "", 1 },
	{ "joe:/a b\n", 0, "joe", MAL, "", 1 },
	{ "joe: /a\n", 0, "joe", MAL, "", 1 },
	/* bad lines */
	{ "joe\n", 0, "joe", MAL, "", 1 },
	{ ":/a\n", 0, "joe", MAL, "", 1 },
	{ "joe:/a\x01\n", 0, "joe", MAL, "", 1 },
	{ "joe:/a\tb\n", 0, "joe", MAL, "", 1 },
	{ "\n\njoe:/a\x1b\n", 0, "joe", MAL, "", 3 },
	{ "joe:/a\0\n", 8, "joe", MAL, "", 1 },
	{ "joe:/a\r", 0, "joe", MAL, "", 1 },
	{ "joe:/a\rb\n", 0, "joe", MAL, "", 1 },
	/* queries that cannot be answered */
	{ "joe:/a\n", 0, "", R_INTERNAL, "", 0 },
	{ "joe:/a\n", 0, NULL, R_INTERNAL, "", 0 },
	{ "a:b:/a\n", 0, "a:b", R_INTERNAL, "", 0 },
};

START_TEST(test_lookup)
{
	const struct rw_case *c = &rw_cases[_i];
	size_t len = c->len != 0 ? c->len : strlen(c->text);
	char out[REWRITE_MAX_PATH];
	bool found = true;
	size_t bad = 12345;

	memset(out, 'z', sizeof(out));
	ck_assert_msg(rewrite_lookup(c->text, len, c->user, out, sizeof(out),
				     &found, &bad) == c->want, "case %d", _i);
	ck_assert_str_eq(out, c->path);
	ck_assert(found == (c->path[0] != '\0'));
	ck_assert_uint_eq(bad, c->bad_line);
	ck_assert_int_eq(rewrite_lookup(c->text, len, c->user, out,
					sizeof(out), &found, NULL), c->want);
}
END_TEST

/* The path must fit cap with its NUL; the matched line is the bad one. */
START_TEST(test_lookup_cap)
{
	static const char text[] = "ann:/x\njoe:/abcd\n";
	char out[8];
	bool found = true;
	size_t bad = 9;

	ck_assert_int_eq(rewrite_lookup(text, sizeof(text) - 1, "joe", out, 6,
					&found, &bad), R_NONE);
	ck_assert_str_eq(out, "/abcd");
	ck_assert(found);
	ck_assert_uint_eq(bad, 0);
	ck_assert_int_eq(rewrite_lookup(text, sizeof(text) - 1, "joe", out, 5,
					&found, &bad), R_CONFIG_MALFORMED);
	ck_assert_str_eq(out, "");
	ck_assert(!found);
	ck_assert_uint_eq(bad, 2);
	ck_assert_int_eq(rewrite_lookup(text, sizeof(text) - 1, "ann", out, 3,
					&found, &bad), R_NONE);
	ck_assert_str_eq(out, "/x");
	ck_assert_int_eq(rewrite_lookup(text, sizeof(text) - 1, "bob", out, 1,
					&found, &bad), R_NONE);
	ck_assert(!found);
}
END_TEST

START_TEST(test_lookup_args)
{
	char out[8] = "zzzzzzz";
	bool found = true;
	size_t bad = 7;

	ck_assert_int_eq(rewrite_lookup("joe:/a", 6, "joe", NULL, 8, &found,
					&bad), R_INTERNAL);
	ck_assert(!found);
	ck_assert_uint_eq(bad, 0);
	ck_assert_int_eq(rewrite_lookup("joe:/a", 6, "joe", out, 0, &found,
					&bad), R_INTERNAL);
	ck_assert_str_eq(out, "zzzzzzz");
	ck_assert_int_eq(rewrite_lookup("joe:/a", 6, "joe", out, 8, NULL,
					&bad), R_INTERNAL);
	ck_assert_int_eq(rewrite_lookup(NULL, 0, "joe", out, 8, &found, &bad),
			 R_NONE);
	ck_assert(!found);
	ck_assert_int_eq(rewrite_lookup(NULL, 3, "joe", out, 8, &found, &bad),
			 R_INTERNAL);
}
END_TEST

/* Lines of 4096 bytes (CR LF not counted) are read; longer ones are not. */
START_TEST(test_lookup_long_line)
{
	static char text[5000];
	static char out[REWRITE_MAX_PATH];
	bool found = false;
	size_t bad = 0;

	memcpy(text, "joe:/", 5);
	memset(text + 5, 'p', 4091);
	text[4096] = '\r';
	text[4097] = '\n';
	ck_assert_int_eq(rewrite_lookup(text, 4098, "joe", out, sizeof(out),
					&found, &bad), R_NONE);
	ck_assert(found);
	ck_assert_uint_eq(strlen(out), 4092);
	text[4096] = 'p';
	ck_assert_int_eq(rewrite_lookup(text, 4098, "joe", out, sizeof(out),
					&found, &bad), R_CONFIG_MALFORMED);
	ck_assert_uint_eq(bad, 1);
}
END_TEST

static Suite *rewrite_suite(void)
{
	Suite *s = suite_create("rewrite");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_lookup, 0, N(rw_cases));
	tcase_add_test(tc, test_lookup_cap);
	tcase_add_test(tc, test_lookup_args);
	tcase_add_test(tc, test_lookup_long_line);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(rewrite_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
