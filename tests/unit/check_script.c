/* Unit tests for script.c: components, names, directories, the file, argv[0]. */
#include <check.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "script.h"
#include "test_policy.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

#define UID 2001
#define GID 2001

/* struct target holds 64 Ki groups: too big for a test's stack. */
static struct target target;

/* Policy changes from test_policy(), as bits. */
enum {
	P_SVN = 1 << 0,		/* block_svn_paths on */
	P_CVS = 1 << 1,		/* block_cvs_paths on */
	P_NO_SUBDIRS = 1 << 2,
	P_NO_OWNER = 1 << 3,
	P_NO_GROUP = 1 << 4,
	P_NO_SETUID = 1 << 5,
	P_NO_SETGID = 1 << 6,
	P_NO_GW = 1 << 7,	/* check_group_writable off */
	P_NO_WW = 1 << 8,
	P_NO_STRICT = 1 << 9,
};

static struct policy make_policy(unsigned flags)
{
	struct policy p = test_policy();

	p.block_svn_paths = (flags & P_SVN) != 0;
	p.block_cvs_paths = (flags & P_CVS) != 0;
	p.script_subdirs = (flags & P_NO_SUBDIRS) == 0;
	p.check_owner = (flags & P_NO_OWNER) == 0;
	p.check_group = (flags & P_NO_GROUP) == 0;
	p.check_setuid = (flags & P_NO_SETUID) == 0;
	p.check_setgid = (flags & P_NO_SETGID) == 0;
	p.check_group_writable = (flags & P_NO_GW) == 0;
	p.check_world_writable = (flags & P_NO_WW) == 0;
	p.strict_names = (flags & P_NO_STRICT) == 0;
	return p;
}

static void setup(void)
{
	memset(&target, 0, sizeof(target));
	memcpy(target.name, "joe", 4);
	target.uid = UID;
	target.gid = GID;
	target.n_groups = 1;
	target.groups[0] = GID;
}

static struct span span_of(const char *s, size_t len)
{
	struct span r = { s, len != 0 ? len : strlen(s) };

	return r;
}

/* Expected components joined by '|'; NULL when there are none. */
static const struct comp_case {
	const char *s;
	const char *want;
} comp_cases[] = {
	{ "x.cgi", "x.cgi" },
	{ "sub/x.cgi", "sub|x.cgi" },
	{ "sub/deeper/argv.cgi/extra", "sub|deeper|argv.cgi|extra" },
	{ "sub/", "sub" },			/* one trailing '/' is free */
	{ "sub//", "sub|" },
	{ "sub//argv.cgi/", "sub||argv.cgi" },
	{ "/x", "|x" },
	{ "/", "" },
	{ "a/./../b", "a|.|..|b" },
	{ "", NULL },
};

START_TEST(test_next_component)
{
	const struct comp_case *c = &comp_cases[_i];
	char got[128];
	size_t used = 0;
	size_t pos = 0;
	size_t len = strlen(c->s);
	struct span comp;
	bool any = false;

	while (script_next_component(c->s, len, &pos, &comp)) {
		ck_assert_uint_lt(used + comp.len + 2, sizeof(got));
		if (any)
			got[used++] = '|';
		memcpy(got + used, comp.p, comp.len);
		used += comp.len;
		any = true;
		ck_assert_uint_le(pos, len);
	}
	got[used] = '\0';
	ck_assert_uint_eq(pos, len);
	if (c->want == NULL)
		ck_assert(!any);
	else
		ck_assert_str_eq(got, c->want);
	pos = len + 1;
	ck_assert(!script_next_component(c->s, len, &pos, &comp));
}
END_TEST

static const struct name_case {
	const char *s;
	size_t len;		/* 0: strlen(s) */
	unsigned flags;
	enum reason want;
} name_cases[] = {
	{ "x.cgi", 0, 0, R_NONE },
	{ "argv.cgi~", 0, 0, R_NONE },
	{ "a-b_c+d=e%20", 0, 0, R_NONE },
	{ "sub", 0, 0, R_NONE },
	{ "", 0, 0, R_BAD_PATH_COMPONENT },
	{ "", 0, P_NO_STRICT, R_BAD_PATH_COMPONENT },
	{ ".", 0, 0, R_BAD_PATH_COMPONENT },
	{ "..", 0, 0, R_BAD_PATH_COMPONENT },
	{ "..", 0, P_NO_STRICT, R_BAD_PATH_COMPONENT },
	{ "a\0b", 3, 0, R_BAD_PATH_COMPONENT },
	{ "a\0b", 3, P_NO_STRICT, R_BAD_PATH_COMPONENT },
	{ "a/b", 0, 0, R_BAD_PATH_COMPONENT },
	{ "...", 0, 0, R_HIDDEN_COMPONENT },
	{ ".git", 0, 0, R_HIDDEN_COMPONENT },
	{ ".svn", 0, P_SVN, R_HIDDEN_COMPONENT },
	{ ".htaccess", 0, 0, R_HIDDEN_COMPONENT },
	{ ".hidden", 0, P_NO_STRICT, R_HIDDEN_COMPONENT },
	{ "a b", 0, 0, R_STRICT_NAME },
	{ "a b", 0, P_NO_STRICT, R_NONE },
	{ "a\tb", 0, 0, R_STRICT_NAME },
	{ "a\nb", 0, 0, R_STRICT_NAME },
	{ "a\x7f", 0, 0, R_STRICT_NAME },
	{ "caf\xc3\xa9", 0, 0, R_STRICT_NAME },
	{ "caf\xc3\xa9", 0, P_NO_STRICT, R_NONE },
	{ "\xff", 0, 0, R_STRICT_NAME },
	{ ". x", 0, 0, R_STRICT_NAME },		/* row 2 before D13 */
	{ ". x", 0, P_NO_STRICT, R_HIDDEN_COMPONENT },
	{ "x.cgi ", 0, 0, R_STRICT_NAME },
};

START_TEST(test_check_name)
{
	const struct name_case *c = &name_cases[_i];
	struct policy p = make_policy(c->flags);

	ck_assert_int_eq(script_check_name(span_of(c->s, c->len), &p), c->want);
}
END_TEST

/* Spec 6 row 13: the ".." is refused before any lookup. */
START_TEST(test_row13_walk_names)
{
	static const char cand[] = "../../../../root/secretdir/secret.txt";
	struct policy p = test_policy();
	struct span comp;
	size_t pos = 0;

	ck_assert(script_next_component(cand, strlen(cand), &pos, &comp));
	ck_assert_int_eq(script_check_name(comp, &p), R_BAD_PATH_COMPONENT);
}
END_TEST

static const struct dir_case {
	const char *name;
	bool is_base;
	mode_t mode;		/* permission bits; S_IFDIR is added */
	uid_t uid;
	unsigned flags;
	enum reason want;
} dir_cases[] = {
	{ "sub", false, 0755, UID, 0, R_NONE },
	{ "sub", false, 0755, 0, 0, R_NONE },
	{ "sub", false, 0700, UID, 0, R_NONE },
	{ "sub", false, 0755, 2002, 0, R_OWNER_MISMATCH },
	{ "sub", false, 0755, 2002, P_NO_OWNER, R_NONE },
	{ "sub", false, 0775, UID, 0, R_GROUP_WRITABLE },
	{ "sub", false, 0775, UID, P_NO_GW, R_NONE },
	{ "sub", false, 0757, UID, 0, R_WORLD_WRITABLE },
	{ "sub", false, 0757, UID, P_NO_WW, R_NONE },
	{ "sub", false, 0777, UID, 0, R_WORLD_WRITABLE },	/* row 23 */
	{ "sub", false, 0777, UID, P_NO_WW, R_GROUP_WRITABLE },
	{ "sub", false, 01777, UID, 0, R_WORLD_WRITABLE },
	{ "sub", false, 0777, 2002, 0, R_OWNER_MISMATCH },
	{ "sub", false, 0777, UID, P_NO_GW | P_NO_WW, R_NONE },
	{ ".svn", false, 0755, UID, P_SVN, R_VCS_PATH },
	{ ".svn", false, 0755, UID, P_CVS, R_NONE },
	{ ".svn", false, 0755, UID, 0, R_NONE },
	{ ".svnx", false, 0755, UID, P_SVN, R_NONE },
	{ "CVS", false, 0755, UID, P_CVS, R_VCS_PATH },
	{ "CVS", false, 0755, UID, P_SVN, R_NONE },
	{ "cvs", false, 0755, UID, P_CVS, R_NONE },
	{ "CVSX", false, 0755, UID, P_CVS, R_NONE },
	{ "CVS", false, 0777, 2002, P_CVS | P_NO_SUBDIRS, R_VCS_PATH },
	{ "sub", false, 0755, UID, P_NO_SUBDIRS, R_SUBDIR_NOT_ALLOWED },
	{ "sub", false, 0777, 2002, P_NO_SUBDIRS, R_SUBDIR_NOT_ALLOWED },
	/* The base directory: only row 7. */
	{ "cgi-bin", true, 0755, UID, P_NO_SUBDIRS, R_NONE },
	{ "CVS", true, 0755, UID, P_CVS | P_SVN, R_NONE },
	{ ".svn", true, 0755, 0, P_CVS | P_SVN, R_NONE },
	{ "cgi-bin", true, 0755, 2002, 0, R_OWNER_MISMATCH },
	{ "cgi-bin", true, 0775, UID, 0, R_GROUP_WRITABLE },
	{ "cgi-bin", true, 0777, UID, 0, R_WORLD_WRITABLE },
};

START_TEST(test_check_dir)
{
	const struct dir_case *c = &dir_cases[_i];
	struct policy p = make_policy(c->flags);
	struct stat st;

	memset(&st, 0, sizeof(st));
	st.st_mode = S_IFDIR | c->mode;
	st.st_uid = c->uid;
	st.st_gid = GID;
	ck_assert_int_eq(script_check_dir(&st, span_of(c->name, 0), c->is_base,
					  &target, &p), c->want);
}
END_TEST

static const struct file_case {
	mode_t mode;		/* full st_mode */
	uid_t uid;
	gid_t gid;
	bool interpreted;
	unsigned flags;
	enum reason want;
} file_cases[] = {
	{ S_IFREG | 0755, UID, GID, false, 0, R_NONE },
	{ S_IFREG | 0700, UID, GID, false, 0, R_NONE },
	{ S_IFREG | 0500, UID, GID, false, 0, R_NONE },
	{ S_IFREG | 0644, UID, GID, true, 0, R_NONE },	/* row 16 */
	{ S_IFDIR | 0755, UID, GID, false, 0, R_NOT_REGULAR_FILE },
	{ S_IFIFO | 0755, UID, GID, false, 0, R_NOT_REGULAR_FILE },
	{ S_IFCHR | 0755, UID, GID, true, 0, R_NOT_REGULAR_FILE },
	{ S_IFLNK | 0777, UID, GID, false, 0, R_NOT_REGULAR_FILE },
	{ S_IFSOCK | 0755, 2002, GID, false, 0, R_NOT_REGULAR_FILE },
	{ S_IFREG | 0644, UID, GID, false, 0, R_NOT_EXECUTABLE },
	{ S_IFREG | 0601, UID, GID, false, 0, R_NOT_EXECUTABLE },
	{ S_IFREG | 0611, UID, GID, false, 0, R_NOT_EXECUTABLE },
	{ S_IFREG | 0644, 2002, GID, false, 0, R_NOT_EXECUTABLE },
	{ S_IFREG | 0755, 2002, GID, false, 0, R_OWNER_MISMATCH },
	{ S_IFREG | 0755, 0, GID, false, 0, R_OWNER_MISMATCH },
	{ S_IFREG | 0644, 2002, GID, true, 0, R_OWNER_MISMATCH },
	{ S_IFREG | 0755, 2002, GID, false, P_NO_OWNER, R_NONE },
	{ S_IFREG | 0755, UID, 2002, false, 0, R_GROUP_MISMATCH },
	{ S_IFREG | 0755, UID, 0, false, 0, R_GROUP_MISMATCH },
	{ S_IFREG | 0755, 2002, 2002, false, 0, R_OWNER_MISMATCH },
	{ S_IFREG | 0755, UID, 2002, false, P_NO_GROUP, R_NONE },
	{ S_IFREG | 04755, UID, GID, false, 0, R_SETUID_SCRIPT },
	{ S_IFREG | 04755, UID, 2002, false, 0, R_GROUP_MISMATCH },
	{ S_IFREG | 04755, UID, GID, false, P_NO_SETUID, R_NONE },
	{ S_IFREG | 02755, UID, GID, false, 0, R_SETGID_SCRIPT },
	{ S_IFREG | 06755, UID, GID, false, 0, R_SETUID_SCRIPT },
	{ S_IFREG | 06755, UID, GID, false, P_NO_SETUID, R_SETGID_SCRIPT },
	{ S_IFREG | 02755, UID, GID, false, P_NO_SETGID, R_NONE },
	{ S_IFREG | 04777, UID, GID, false, 0, R_SETUID_SCRIPT },
	{ S_IFREG | 0775, UID, GID, false, 0, R_GROUP_WRITABLE },
	{ S_IFREG | 0775, UID, GID, false, P_NO_GW, R_NONE },
	{ S_IFREG | 0757, UID, GID, false, 0, R_WORLD_WRITABLE },
	{ S_IFREG | 0757, UID, GID, false, P_NO_WW, R_NONE },
	{ S_IFREG | 0777, UID, GID, false, 0, R_WORLD_WRITABLE },
	{ S_IFREG | 0777, UID, GID, false, P_NO_WW, R_GROUP_WRITABLE },
	{ S_IFREG | 0666, UID, GID, true, 0, R_WORLD_WRITABLE },
	{ S_IFREG | 06777, 2002, 2002, false,
	  P_NO_OWNER | P_NO_GROUP | P_NO_SETUID | P_NO_SETGID | P_NO_GW |
	  P_NO_WW, R_NONE },
};

/* One row of a file table through one of the two file deciders. */
static void check_file_case(const struct file_case *c,
			    enum reason (*check)(const struct stat *, bool,
						 const struct target *,
						 const struct policy *))
{
	struct policy p = make_policy(c->flags);
	struct stat st;

	memset(&st, 0, sizeof(st));
	st.st_mode = c->mode;
	st.st_uid = c->uid;
	st.st_gid = c->gid;
	ck_assert_int_eq(check(&st, c->interpreted, &target, &p), c->want);
}

START_TEST(test_check_file)
{
	check_file_case(&file_cases[_i], script_check_file);
}
END_TEST

/* The multiuser tree (4.5): root or the target owns; no group check. */
static const struct file_case shared_cases[] = {
	{ S_IFREG | 0755, UID, GID, false, 0, R_NONE },
	{ S_IFREG | 0755, 0, 0, false, 0, R_NONE },
	{ S_IFREG | 0755, UID, 2002, false, 0, R_NONE },
	{ S_IFREG | 0755, 2002, GID, false, 0, R_OWNER_MISMATCH },
	{ S_IFREG | 0755, 2002, 2002, false, P_NO_OWNER, R_NONE },
	{ S_IFREG | 0644, 0, 0, false, 0, R_NOT_EXECUTABLE },
	{ S_IFREG | 04755, 0, 0, false, 0, R_SETUID_SCRIPT },
	{ S_IFREG | 0775, 0, 0, false, 0, R_GROUP_WRITABLE },
	{ S_IFDIR | 0755, 0, 0, false, 0, R_NOT_REGULAR_FILE },
};

START_TEST(test_check_shared_file)
{
	check_file_case(&shared_cases[_i], script_check_shared_file);
}
END_TEST

/* Interpreter choice (4.6): suffixes, php- names, nonexec-only. */
#define I_PHP 0x100u
#define I_ERUBY 0x200u
#define I_ASP 0x400u
#define I_PHP_NX 0x800u
#define I_ASP_NX 0x1000u
#define I_NOPATH 0x2000u

static const struct interp_case {
	const char *name;
	bool php_mode;
	mode_t mode;
	unsigned flags;
	enum script_interp want;
} interp_cases[] = {
	{ "x.cgi", false, 0755, I_PHP | I_ERUBY | I_ASP, INTERP_NONE },
	{ "p.php", false, 0644, I_PHP, INTERP_PHP },
	{ "P.PHP", false, 0644, I_PHP, INTERP_PHP },	/* row 16 */
	{ "p.php7", false, 0644, I_PHP, INTERP_PHP },
	{ "p.phtml", false, 0644, I_PHP, INTERP_PHP },
	{ "p.php8", false, 0644, I_PHP, INTERP_NONE },
	{ ".php", false, 0644, I_PHP, INTERP_NONE },	/* no name before it */
	{ "p.php", false, 0644, 0, INTERP_NONE },	/* option off */
	{ "p.php", false, 0644, I_PHP | I_NOPATH, INTERP_NONE },
	{ "p.php", false, 0755, I_PHP | I_PHP_NX, INTERP_NONE },
	{ "p.php", false, 0644, I_PHP | I_PHP_NX, INTERP_PHP },
	{ "t.rhtml", false, 0644, I_ERUBY, INTERP_ERUBY },
	{ "t.RHTML", false, 0755, I_ERUBY | I_PHP_NX, INTERP_ERUBY },
	{ "a.asp", false, 0644, I_ASP, INTERP_ASP },
	{ "a.asp", false, 0755, I_ASP | I_ASP_NX, INTERP_NONE },
	{ "a.asp", false, 0755, I_ASP | I_PHP_NX, INTERP_ASP },
	{ "x.cgi", true, 0755, 0, INTERP_PHP },		/* row 15 */
	{ "x.cgi", true, 0755, I_PHP_NX, INTERP_PHP },	/* php- unaffected */
	{ "a.asp", true, 0644, I_ASP, INTERP_PHP },
	{ "x.cgi", true, 0755, I_NOPATH, INTERP_NONE },
};

START_TEST(test_interpreter)
{
	const struct interp_case *c = &interp_cases[_i];
	struct policy p = make_policy(0);

	p.php = (c->flags & I_NOPATH) ? NULL : "/usr/bin/php-cgi";
	p.eruby = "/usr/bin/erb";
	p.asp = "/usr/bin/asp-perl";
	p.php_interpreter = (c->flags & I_PHP) != 0;
	p.eruby_interpreter = (c->flags & I_ERUBY) != 0;
	p.asp_interpreter = (c->flags & I_ASP) != 0;
	p.php_nonexec_only = (c->flags & I_PHP_NX) != 0;
	p.asp_nonexec_only = (c->flags & I_ASP_NX) != 0;
	ck_assert_msg(script_interpreter(c->name, c->php_mode, S_IFREG | c->mode,
					 &p) == c->want, "%s", c->name);
}
END_TEST

START_TEST(test_interpreter_path)
{
	struct policy p = make_policy(0);

	p.php = "/a";
	p.eruby = "/b";
	p.asp = "/c";
	ck_assert_str_eq(script_interpreter_path(INTERP_PHP, &p), "/a");
	ck_assert_str_eq(script_interpreter_path(INTERP_ERUBY, &p), "/b");
	ck_assert_str_eq(script_interpreter_path(INTERP_ASP, &p), "/c");
	ck_assert_ptr_null(script_interpreter_path(INTERP_NONE, &p));
}
END_TEST

static const struct argv0_case {
	const char *rel;
	size_t skip;		/* bytes of rel before argv[0] */
} argv0_cases[] = {
	{ "x.cgi", 0 },
	{ "env.cgi", 0 },			/* row 1 */
	{ "sub/x.cgi", 0 },
	{ "sub/argv.cgi", 0 },			/* row 3 */
	{ "sub/deeper/argv.cgi", 3 },		/* row 2: "/deeper/argv.cgi" */
	{ "a/b/c/x.cgi", 3 },			/* "/c/x.cgi" */
	{ "aa/bb/cc/dd/x.cgi", 8 },		/* "/dd/x.cgi" */
	{ "sub//argv.cgi", 3 },			/* row 4's original quirk */
	{ "", 0 },
};

START_TEST(test_argv0)
{
	const struct argv0_case *c = &argv0_cases[_i];

	ck_assert_ptr_eq(script_argv0(c->rel), c->rel + c->skip);
}
END_TEST

START_TEST(test_argv0_strings)
{
	ck_assert_str_eq(script_argv0("sub/deeper/argv.cgi"), "/deeper/argv.cgi");
	ck_assert_str_eq(script_argv0("sub/x.cgi"), "sub/x.cgi");
	ck_assert_str_eq(script_argv0("a/b/x.cgi"), "/b/x.cgi");
	ck_assert_ptr_null(script_argv0(NULL));
}
END_TEST

static Suite *script_suite(void)
{
	Suite *s = suite_create("script");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_loop_test(tc, test_next_component, 0, (int)N(comp_cases));
	tcase_add_loop_test(tc, test_check_name, 0, (int)N(name_cases));
	tcase_add_test(tc, test_row13_walk_names);
	tcase_add_loop_test(tc, test_check_dir, 0, (int)N(dir_cases));
	tcase_add_loop_test(tc, test_check_file, 0, (int)N(file_cases));
	tcase_add_loop_test(tc, test_check_shared_file, 0, (int)N(shared_cases));
	tcase_add_loop_test(tc, test_interpreter, 0, (int)N(interp_cases));
	tcase_add_test(tc, test_interpreter_path);
	tcase_add_loop_test(tc, test_argv0, 0, (int)N(argv0_cases));
	tcase_add_test(tc, test_argv0_strings);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(script_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
