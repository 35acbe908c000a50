/* Unit tests of vhost.c: the vhost name (spec 7.3) and its file path. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "vhost.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

struct name_case {
	const char *override;
	bool on;
	const char *host;
	enum reason want;
	const char *name;	/* out on R_NONE */
};

static const struct name_case name_cases[] = {
	{ NULL, false, "www.example.org", R_NONE, "www.example.org" },
	{ NULL, false, "WWW.Example.ORG", R_NONE, "www.example.org" },
	{ NULL, false, "www.example.org:8080", R_NONE, "www.example.org:8080" },
	{ NULL, false, "[2001:DB8::1]:443", R_NONE, "[2001:db8::1]:443" },
	{ NULL, false, "under_score-dash.example", R_NONE,
	  "under_score-dash.example" },
	{ NULL, false, "example.org.", R_NONE, "example.org." },
	{ NULL, false, "a..b", R_NONE, "a..b" },
	{ NULL, false, "a", R_NONE, "a" },
	{ NULL, false, "0", R_NONE, "0" },
	{ NULL, false, "-", R_NONE, "-" },
	{ NULL, false, "192.0.2.7", R_NONE, "192.0.2.7" },
	/* the override, when on and non-empty, wins */
	{ "a.example", true, "b.example", R_NONE, "a.example" },
	{ "A.Example:8080", true, NULL, R_NONE, "a.example:8080" },
	{ "a.example", false, "b.example", R_NONE, "b.example" },
	{ "", true, "b.example", R_NONE, "b.example" },
	{ NULL, true, "b.example", R_NONE, "b.example" },
	{ "../x", true, "b.example", R_BAD_VHOST, "" },
	{ "a.example", true, "../../etc", R_NONE, "a.example" },
	/* nothing to go by */
	{ NULL, false, NULL, R_NO_VHOST, "" },
	{ NULL, false, "", R_NO_VHOST, "" },
	{ "", true, "", R_NO_VHOST, "" },
	{ NULL, true, NULL, R_NO_VHOST, "" },
	{ "a.example", false, NULL, R_NO_VHOST, "" },
	/* spec 6 row 24, and every other byte that must not reach a path */
	{ NULL, false, "../../etc", R_BAD_VHOST, "" },
	{ NULL, false, "..", R_BAD_VHOST, "" },
	{ NULL, false, ".", R_BAD_VHOST, "" },
	{ NULL, false, ".hidden", R_BAD_VHOST, "" },
	{ NULL, false, "a/b", R_BAD_VHOST, "" },
	{ NULL, false, "/etc", R_BAD_VHOST, "" },
	{ NULL, false, "a b", R_BAD_VHOST, "" },
	{ NULL, false, "a\tb", R_BAD_VHOST, "" },
	{ NULL, false, "a\x01", R_BAD_VHOST, "" },
	{ NULL, false, "a\x7f", R_BAD_VHOST, "" },
	{ NULL, false, "a\\b", R_BAD_VHOST, "" },
	{ NULL, false, "a%2e", R_BAD_VHOST, "" },
	{ NULL, false, "\xc3\xa9.example", R_BAD_VHOST, "" },
	{ NULL, false, "a*b", R_BAD_VHOST, "" },
	{ NULL, false, "a?b", R_BAD_VHOST, "" },
	{ NULL, false, "user@a", R_BAD_VHOST, "" },
	{ NULL, false, "~a", R_BAD_VHOST, "" },
	{ NULL, false, "a,b", R_BAD_VHOST, "" },
	{ NULL, false, "a\r\nb", R_BAD_VHOST, "" },
};

START_TEST(test_name)
{
	const struct name_case *c = &name_cases[_i];
	char out[VHOST_MAX_NAME + 1];

	memset(out, 'z', sizeof(out));
	ck_assert_msg(vhost_name(c->override, c->on, c->host, out) == c->want,
		      "case %d", _i);
	ck_assert_str_eq(out, c->name);
}
END_TEST

/* 255 bytes pass (lowercased), 256 and more are refused. */
START_TEST(test_name_length)
{
	static char host[400];
	char out[VHOST_MAX_NAME + 1];
	char want[VHOST_MAX_NAME + 1];

	memset(host, 'A', 255);
	host[255] = '\0';
	memset(want, 'a', 255);
	want[255] = '\0';
	ck_assert_int_eq(vhost_name(NULL, false, host, out), R_NONE);
	ck_assert_str_eq(out, want);
	host[255] = 'A';
	host[256] = '\0';
	ck_assert_int_eq(vhost_name(NULL, false, host, out), R_BAD_VHOST);
	ck_assert_str_eq(out, "");
	memset(host, 'a', sizeof(host) - 1);
	ck_assert_int_eq(vhost_name(host, true, "ok", out), R_BAD_VHOST);
	ck_assert_str_eq(out, "");
}
END_TEST

struct path_case {
	const char *dir;
	const char *name;
	size_t cap;
	enum reason want;
	const char *path;
};

#define DIR_A "/etc/cgiwrap/vhost-allow"

static const struct path_case path_cases[] = {
	{ DIR_A, "www.example.org", 256, R_NONE, DIR_A "/www.example.org" },
	{ DIR_A "/", "www", 256, R_NONE, DIR_A "/www" },
	{ "/", "www", 256, R_NONE, "/www" },
	{ DIR_A, "[::1]:8080", 256, R_NONE, DIR_A "/[::1]:8080" },
	/* exact fit, one short */
	{ "/d", "ab", 6, R_NONE, "/d/ab" },
	{ "/d", "ab", 5, R_INTERNAL, "" },
	{ "/d/", "ab", 6, R_NONE, "/d/ab" },
	{ "/d/", "ab", 5, R_INTERNAL, "" },
	{ "/d", "ab", 2, R_INTERNAL, "" },
	{ "/d", "ab", 1, R_INTERNAL, "" },
	/* the name is re-checked */
	{ DIR_A, "../etc", 256, R_BAD_VHOST, "" },
	{ DIR_A, "..", 256, R_BAD_VHOST, "" },
	{ DIR_A, "", 256, R_BAD_VHOST, "" },
	{ DIR_A, "Www", 256, R_BAD_VHOST, "" },
	{ DIR_A, "a/b", 256, R_BAD_VHOST, "" },
	{ DIR_A, "a b", 256, R_BAD_VHOST, "" },
	/* the build's directory must be absolute */
	{ "", "www", 256, R_INTERNAL, "" },
	{ "etc/x", "www", 256, R_INTERNAL, "" },
	{ NULL, "www", 256, R_INTERNAL, "" },
	{ DIR_A, NULL, 256, R_INTERNAL, "" },
};

START_TEST(test_path)
{
	const struct path_case *c = &path_cases[_i];
	char out[300];

	memset(out, 'z', sizeof(out));
	ck_assert_msg(vhost_path(c->dir, c->name, out, c->cap) == c->want,
		      "case %d", _i);
	ck_assert_str_eq(out, c->path);
}
END_TEST

START_TEST(test_path_args)
{
	char out[4] = "zzz";
	static char name[300];

	ck_assert_int_eq(vhost_path("/d", "a", NULL, 10), R_INTERNAL);
	ck_assert_int_eq(vhost_path("/d", "a", out, 0), R_INTERNAL);
	ck_assert_str_eq(out, "zzz");
	memset(name, 'a', 256);
	ck_assert_int_eq(vhost_path("/d", name, out, sizeof(out)),
			 R_BAD_VHOST);
}
END_TEST

static Suite *vhost_suite(void)
{
	Suite *s = suite_create("vhost");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_name, 0, N(name_cases));
	tcase_add_test(tc, test_name_length);
	tcase_add_loop_test(tc, test_path, 0, N(path_cases));
	tcase_add_test(tc, test_path_args);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(vhost_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
