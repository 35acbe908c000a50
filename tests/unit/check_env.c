/* Unit tests of env.c: intake limits, allow-list, rebuilt environment. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "env.h"
#include "test_policy.h"

#define BIG (2 * ENV_MAX_ENTRIES)

/* An envp of n owned copies; NULL entries of list end it early. */
struct envp {
	char *v[BIG + 1];
	size_t n;
};

static void envp_add(struct envp *e, const char *s)
{
	ck_assert_uint_lt(e->n, BIG);
	e->v[e->n] = strdup(s);
	ck_assert_ptr_nonnull(e->v[e->n]);
	e->n++;
	e->v[e->n] = NULL;
}

/* Add "NAME=" followed by fill bytes up to len bytes in all. */
static void envp_add_sized(struct envp *e, const char *name_eq, size_t len,
			   char fill)
{
	size_t head = strlen(name_eq);
	char *s = malloc(len + 1);

	ck_assert_ptr_nonnull(s);
	ck_assert_uint_le(head, len);
	memcpy(s, name_eq, head);
	memset(s + head, fill, len - head);
	s[len] = '\0';
	ck_assert_uint_lt(e->n, BIG);
	e->v[e->n++] = s;
	e->v[e->n] = NULL;
}

static void envp_list(struct envp *e, const char *const *list)
{
	e->n = 0;
	e->v[0] = NULL;
	for (; *list != NULL; list++)
		envp_add(e, *list);
}

static void envp_free(struct envp *e)
{
	size_t i;

	for (i = 0; i < e->n; i++)
		free(e->v[i]);
	e->n = 0;
	e->v[0] = NULL;
}

static struct envp ev;
static struct env_in in;
static struct env_out out;

/* ---- intake limits ---- */

struct limit_case {
	const char *what;
	size_t n_entries;	/* "V0000=x" style entries */
	size_t big_entry;	/* one extra entry of this many bytes, or 0 */
	bool big_malformed;	/* that entry without '=' */
	size_t n_malformed;	/* this many "FOO" entries (no '=') */
	enum reason want;
};

static const struct limit_case limit_cases[] = {
	{ "1024 entries", 1024, 0, false, 0, R_NONE },
	{ "1025 entries", 1025, 0, false, 0, R_ENV_TOO_LARGE },
	{ "1023 valid + 1 malformed", 1023, 0, false, 1, R_NONE },
	{ "1024 valid + 1 malformed", 1024, 0, false, 1, R_ENV_TOO_LARGE },
	{ "1 malformed too many", 0, 0, false, 1025, R_ENV_TOO_LARGE },
	{ "entry of 65536", 0, 65536, false, 0, R_NONE },
	{ "entry of 65537", 0, 65537, false, 0, R_ENV_TOO_LARGE },
	{ "malformed entry of 65537", 0, 65537, true, 0, R_ENV_TOO_LARGE },
};

START_TEST(test_intake_limits)
{
	const struct limit_case *c = &limit_cases[_i];
	char name[32];
	size_t i;
	enum reason r;

	ev.n = 0;
	for (i = 0; i < c->n_entries; i++) {
		memcpy(name, "V0000=x", 8);
		name[1] = (char)('0' + i / 1000);
		name[2] = (char)('0' + i / 100 % 10);
		name[3] = (char)('0' + i / 10 % 10);
		name[4] = (char)('0' + i % 10);
		envp_add(&ev, name);
	}
	for (i = 0; i < c->n_malformed; i++)
		envp_add(&ev, "FOO");
	if (c->big_entry > 0)
		envp_add_sized(&ev, c->big_malformed ? "BIG" : "BIG=",
			       c->big_entry, 'a');
	r = env_intake(ev.v, &in);
	ck_assert_msg(r == c->want, "%s: got %s", c->what, reason_token(r));
	if (r == R_NONE)
		ck_assert_uint_eq(in.n, c->n_entries +
				  (c->big_entry > 0 && !c->big_malformed));
	envp_free(&ev);
}
END_TEST

/* 16 entries of 64 KiB are exactly 1 MiB; one more byte is too much. */
START_TEST(test_intake_total)
{
	char name[8] = "T00=";
	size_t i;

	ev.n = 0;
	for (i = 0; i < 16; i++) {
		name[1] = (char)('0' + i / 10);
		name[2] = (char)('0' + i % 10);
		envp_add_sized(&ev, name, ENV_MAX_ENTRY, 'v');
	}
	ck_assert_int_eq(env_intake(ev.v, &in), R_NONE);
	ck_assert_uint_eq(in.n, 16);
	envp_add(&ev, "A");	/* malformed, but its byte counts */
	ck_assert_int_eq(env_intake(ev.v, &in), R_ENV_TOO_LARGE);
	envp_free(&ev);
}
END_TEST

START_TEST(test_intake_null)
{
	in.n = 7;
	ck_assert_int_eq(env_intake(NULL, &in), R_NONE);
	ck_assert_uint_eq(in.n, 0);
	ck_assert_ptr_null(env_get(&in, "PATH"));
}
END_TEST

/* ---- malformed entries and duplicates ---- */

struct form_case {
	const char *entry;
	bool kept;
};

static const struct form_case form_cases[] = {
	{ "NOEQUALS", false },
	{ "=value", false },
	{ "=", false },
	{ "1X=y", false },
	{ "A-B=z", false },
	{ "A B=z", false },
	{ "A.B=z", false },
	{ "\xc3\x84=x", false },
	{ "", false },
	{ "_X=1", true },
	{ "a1=2", true },
	{ "X==", true },
	{ "EMPTY=", true },
};

START_TEST(test_intake_form)
{
	const struct form_case *c = &form_cases[_i];
	static const char *const list[] = { "KEEP=1", NULL };

	envp_list(&ev, list);
	envp_add(&ev, c->entry);
	ck_assert_int_eq(env_intake(ev.v, &in), R_NONE);
	ck_assert_msg(in.n == (c->kept ? 2u : 1u), "entry \"%s\"", c->entry);
	ck_assert_str_eq(in.entry[0], "KEEP=1");
	envp_free(&ev);
}
END_TEST

START_TEST(test_intake_duplicates)
{
	static const char *const list[] = {
		"QUERY_STRING=first", "PATH=/a", "QUERY=q",
		"QUERY_STRING=second", "PATH=/b", "QUERY_STRING_X=x", NULL,
	};

	envp_list(&ev, list);
	ck_assert_int_eq(env_intake(ev.v, &in), R_NONE);
	ck_assert_uint_eq(in.n, 4);
	ck_assert_str_eq(env_get(&in, "QUERY_STRING"), "first");
	ck_assert_str_eq(env_get(&in, "PATH"), "/a");
	ck_assert_str_eq(env_get(&in, "QUERY"), "q");
	ck_assert_str_eq(env_get(&in, "QUERY_STRING_X"), "x");
	ck_assert_ptr_null(env_get(&in, "QUERY_S"));
	ck_assert_ptr_null(env_get(&in, "Q"));
	envp_free(&ev);
}
END_TEST

/* ---- the allow-list ---- */

struct name_case {
	const char *name;
	bool allowed;
};

static const struct name_case name_cases[] = {
	{ "AUTH_TYPE", true }, { "CONTENT_LENGTH", true },
	{ "CONTENT_TYPE", true }, { "GATEWAY_INTERFACE", true },
	{ "PATH_INFO", true }, { "PATH_TRANSLATED", true },
	{ "QUERY_STRING", true }, { "REMOTE_ADDR", true },
	{ "REMOTE_HOST", true }, { "REMOTE_IDENT", true },
	{ "REMOTE_USER", true }, { "REQUEST_METHOD", true },
	{ "SCRIPT_NAME", true }, { "SERVER_NAME", true },
	{ "SERVER_PORT", true }, { "SERVER_PROTOCOL", true },
	{ "SERVER_SOFTWARE", true }, { "DOCUMENT_ROOT", true },
	{ "SCRIPT_FILENAME", true }, { "REMOTE_PORT", true },
	{ "SERVER_ADDR", true }, { "SERVER_SIGNATURE", true },
	{ "HTTPS", true }, { "UNIQUE_ID", true }, { "REQUEST_URI", true },
	{ "SCRIPT_URI", true }, { "SCRIPT_URL", true },
	{ "SERVER_ADMIN", true }, { "CONTEXT_DOCUMENT_ROOT", true },
	{ "CONTEXT_PREFIX", true }, { "REQUEST_SCHEME", true }, { "TZ", true },
	{ "HTTP_USER_AGENT", true }, { "HTTP_HOST", true },
	{ "HTTP_PROXY_AUTHORIZATION", true }, { "SSL_CLIENT_S_DN", true },
	{ "REDIRECT_URL", true }, { "REDIRECT_STATUS", true },
	{ "HTTP_PROXY", false }, { "http_proxy", false }, { "HTTP_", false },
	{ "SSL_", false }, { "REDIRECT_", false }, { "HTTP", false },
	{ "PATH", false }, { "HOME", false }, { "LD_PRELOAD", false },
	{ "LD_LIBRARY_PATH", false }, { "LD_AUDIT", false },
	{ "BASH_ENV", false }, { "ENV", false }, { "IFS", false },
	{ "PERL5OPT", false }, { "PERL5LIB", false }, { "PYTHONPATH", false },
	{ "PYTHONSTARTUP", false }, { "RUBYOPT", false },
	{ "NODE_OPTIONS", false }, { "PHPRC", false }, { "GCONV_PATH", false },
	{ "NLSPATH", false }, { "LOCPATH", false }, { "HOSTALIASES", false },
	{ "RES_OPTIONS", false }, { "TMPDIR", false },
	{ "MALLOC_CHECK_", false },
	{ "LANG", false }, { "LC_ALL", false }, { "SHELL", false },
	{ "CGIWRAP_X", false }, { "CGIWRAP_", false }, { "auth_type", false },
	{ "SCRIPT_NAMES", false }, { "TZX", false }, { "", false },
	{ "MY_VAR", false },
};

START_TEST(test_name_allowed)
{
	const struct name_case *c = &name_cases[_i];
	struct policy p = test_policy();

	ck_assert_msg(env_name_allowed(c->name, strlen(c->name), &p) ==
		      c->allowed, "%s", c->name);
}
END_TEST

/* The length is what counts, not a NUL. */
START_TEST(test_name_allowed_len)
{
	struct policy p = test_policy();

	ck_assert(env_name_allowed("PATH_INFO=x", 9, &p));
	ck_assert(!env_name_allowed("PATH_INFO=x", 4, &p));
	ck_assert(!env_name_allowed("HTTP_PROXY=x", 10, &p));
	ck_assert(env_name_allowed("HTTP_PROXYX", 11, &p));
}
END_TEST

static const char *const pass_names[] = {
	"MY_VAR", "LD_PRELOAD", "PATH", "HOME", "CGIWRAP_DEBUG", "HTTP_PROXY",
	NULL,
};

static const struct name_case pass_cases[] = {
	{ "MY_VAR", true }, { "MY_VA", false }, { "MY_VARX", false },
	{ "LD_PRELOAD", false }, { "PATH", false }, { "HOME", false },
	{ "CGIWRAP_DEBUG", false }, { "QUERY_STRING", true },
	{ "HTTP_PROXY", false },	/* httpoxy even when listed */
};

START_TEST(test_name_pass_env)
{
	const struct name_case *c = &pass_cases[_i];
	struct policy p = test_policy();

	p.pass_env = pass_names;
	p.n_pass_env = 6;
	ck_assert_msg(env_name_allowed(c->name, strlen(c->name), &p) ==
		      c->allowed, "%s", c->name);
}
END_TEST

/* ---- env_build ---- */

static const struct env_rewrite rw_joe = {
	.user = "joe",
	.rel_script = "env.cgi",
	.extra = "",
	.base_dir = "/home/joe/public_html/cgi-bin",
	.home = "/home/joe",
};

/* out must be exactly want (NULL-terminated), in order. */
static void assert_env(const struct env_out *o, const char *const *want)
{
	size_t i;

	for (i = 0; want[i] != NULL; i++) {
		ck_assert_msg(i < o->n, "missing %s", want[i]);
		ck_assert_str_eq(o->entry[i], want[i]);
		ck_assert(o->entry[i] >= o->store &&
			  o->entry[i] < o->store + o->cap);
	}
	ck_assert_msg(o->n == i, "%zu extra entries, first %s", o->n - i,
		      o->n > i ? o->entry[i] : "");
	ck_assert_ptr_null(o->entry[o->n]);
	ck_assert_uint_le(o->used, o->cap);
}

static enum reason build(const char *const *list, const struct env_rewrite *rw,
			 const struct policy *p)
{
	envp_list(&ev, list);
	ck_assert_int_eq(env_intake(ev.v, &in), R_NONE);
	return env_build(&in, rw, p, &out);
}

static void build_teardown(void)
{
	env_free(&out);
	envp_free(&ev);
}

START_TEST(test_build_dangerous)
{
	static const char *const list[] = {
		"LD_PRELOAD=/tmp/evil.so", "QUERY_STRING=a=1",
		"BASH_ENV=/tmp/x", "IFS=/", "PERL5OPT=-d", "PYTHONPATH=/tmp",
		"HTTP_PROXY=http://evil:3128", "PATH=/tmp/evil", "HOME=/root",
		"CGIWRAP_X=1", "LD_LIBRARY_PATH=/tmp",
		"HTTP_FOO=() { :; }; /bin/id", "QUERY_STRING=b=2", "FOO",
		"REQUEST_METHOD=GET", NULL,
	};
	static const char *const want[] = {
		"QUERY_STRING=a=1", "HTTP_FOO=() { :; }; /bin/id",
		"REQUEST_METHOD=GET", "PATH=/usr/local/bin:/usr/bin:/bin", NULL,
	};
	struct policy p = test_policy();

	ck_assert_int_eq(build(list, &rw_joe, &p), R_NONE);
	assert_env(&out, want);
}
END_TEST

START_TEST(test_build_pass_env)
{
	static const char *const list[] = {
		"OTHER=2", "MY_VAR=1", "LD_PRELOAD=x", "CGIWRAP_DEBUG=1", NULL,
	};
	static const char *const want[] = {
		"MY_VAR=1", "PATH=/usr/local/bin:/usr/bin:/bin", NULL,
	};
	struct policy p = test_policy();

	p.pass_env = pass_names;
	p.n_pass_env = 5;
	ck_assert_int_eq(build(list, &rw_joe, &p), R_NONE);
	assert_env(&out, want);
}
END_TEST

struct setting_case {
	const char *what;
	const char *tz;
	const char *ld;
	bool home;
	const char *want[6];
};

static const struct setting_case setting_cases[] = {
	{ "defaults: caller TZ kept, no HOME", NULL, NULL, false,
	  { "TZ=Europe/Paris", "PATH=/p", NULL } },
	{ "setenv-tz overrides", "UTC", NULL, false,
	  { "PATH=/p", "TZ=UTC", NULL } },
	{ "setenv-ld-library-path", NULL, "/opt/lib", false,
	  { "TZ=Europe/Paris", "PATH=/p", "LD_LIBRARY_PATH=/opt/lib", NULL } },
	{ "auto-setenv-home", NULL, NULL, true,
	  { "TZ=Europe/Paris", "PATH=/p", "HOME=/home/joe", NULL } },
	{ "all", "UTC", "/opt/lib", true,
	  { "PATH=/p", "TZ=UTC", "LD_LIBRARY_PATH=/opt/lib", "HOME=/home/joe",
	    NULL } },
};

START_TEST(test_build_settings)
{
	const struct setting_case *c = &setting_cases[_i];
	static const char *const list[] = {
		"TZ=Europe/Paris", "HOME=/var/www", "LD_LIBRARY_PATH=/evil",
		"PATH=/evil", NULL,
	};
	struct policy p = test_policy();

	p.setenv_path = "/p";
	p.setenv_tz = c->tz;
	p.setenv_ld_library_path = c->ld;
	p.auto_setenv_home = c->home;
	ck_assert_msg(build(list, &rw_joe, &p) == R_NONE, "%s", c->what);
	assert_env(&out, c->want);
}
END_TEST

/* The rewritten variables: spec 5.2 default rules, spec 6 rows. */
struct rw_case {
	const char *what;
	const char *pi, *pt, *sn, *sf, *dr;	/* from the server, or NULL */
	const char *rel, *extra;
	const char *want_sn, *want_sf, *want_pi, *want_pt;
};

#define WWW "/var/www/html"
#define CGI "/home/joe/public_html/cgi-bin"
#define SRV_SF "/usr/lib/cgi-bin/cgiwrap"
#define LONG_A 300

static char extra_a[LONG_A + 2];		/* "/" + 300 'A' */
static char want_pt_a[sizeof(WWW) + LONG_A + 2];

static const struct rw_case rw_cases[] = {
	{ "row 1", "/joe/env.cgi", WWW "/joe/env.cgi", "/cgi-bin/cgiwrap",
	  SRV_SF, WWW, "env.cgi", "", "/cgi-bin/cgiwrap/joe/env.cgi",
	  CGI "/env.cgi", NULL, WWW "/joe/env.cgi" },
	{ "row 2", "/~joe/sub/deeper/argv.cgi/extra/more",
	  WWW "/~joe/sub/deeper/argv.cgi/extra/more", "/cgi-bin/cgiwrap",
	  SRV_SF, WWW, "sub/deeper/argv.cgi", "/extra/more",
	  "/cgi-bin/cgiwrap/joe/sub/deeper/argv.cgi",
	  CGI "/sub/deeper/argv.cgi", "/extra/more", WWW "/extra/more" },
	{ "row 3", "/joe/sub/argv.cgi/", WWW "/joe/sub/argv.cgi/",
	  "/cgi-bin/cgiwrap", SRV_SF, WWW, "sub/argv.cgi", "/",
	  "/cgi-bin/cgiwrap/joe/sub/argv.cgi", CGI "/sub/argv.cgi", "/",
	  WWW "/" },
	{ "row 5", "/joe/sub/argv.cgi//x//y/", WWW "/joe/sub/argv.cgi//x//y/",
	  "/cgi-bin/cgiwrap", SRV_SF, WWW, "sub/argv.cgi", "//x//y/",
	  "/cgi-bin/cgiwrap/joe/sub/argv.cgi", CGI "/sub/argv.cgi", "//x//y/",
	  WWW "//x//y/" },
	{ "row 9 (query form, no PT)", NULL, NULL, "/cgi-bin/cgiwrap", SRV_SF,
	  WWW, "argv.cgi", "", "/cgi-bin/cgiwrap/joe/argv.cgi",
	  CGI "/argv.cgi", NULL, NULL },
	{ "row 10", "/joe", WWW "/joe", "/cgi-bin/cgiwrap", SRV_SF, WWW,
	  "sub/argv.cgi", "/zz", "/cgi-bin/cgiwrap/joe/sub/argv.cgi",
	  CGI "/sub/argv.cgi", "/zz", WWW "/zz" },
	{ "row 20", "/joe", WWW "/joe", "/cgi-bin/cgiwrap", SRV_SF, WWW,
	  "argv.cgi", extra_a, "/cgi-bin/cgiwrap/joe/argv.cgi", CGI "/argv.cgi",
	  extra_a, want_pt_a },
	{ "PT rule 2: no PI, extra", NULL, WWW "/x", "/s", NULL, WWW, "a.cgi",
	  "/e", "/s/joe/a.cgi", NULL, "/e", WWW "/x" },
	{ "PT rule 2: empty PI", "", WWW "/x", "/s", NULL, WWW, "a.cgi", "/e",
	  "/s/joe/a.cgi", NULL, "/e", WWW "/x" },
	{ "PT rule 3: first occurrence", "/a", "/m/a/a/a", "/s", NULL, NULL,
	  "a.cgi", "/e", "/s/joe/a.cgi", NULL, "/e", "/m/e" },
	{ "PT rule 4: not found, DOCUMENT_ROOT", "/joe/a.cgi/e", "/elsewhere/e",
	  "/s", NULL, WWW, "a.cgi", "/e", "/s/joe/a.cgi", NULL, "/e",
	  WWW "/e" },
	{ "PT rule 5: not found, no DOCUMENT_ROOT", "/joe/a.cgi/e",
	  "/elsewhere/e", "/s", NULL, NULL, "a.cgi", "/e", "/s/joe/a.cgi", NULL,
	  "/e", "/elsewhere/e" },
	{ "no SCRIPT_NAME, no SCRIPT_FILENAME, no PT", "/joe/a.cgi", NULL, NULL,
	  NULL, NULL, "a.cgi", "", NULL, NULL, NULL, NULL },
	{ "empty server SCRIPT_NAME", "/joe/a.cgi", NULL, "", NULL, NULL,
	  "a.cgi", "", "/joe/a.cgi", NULL, NULL, NULL },
};

static void rw_setup(void)
{
	extra_a[0] = '/';
	memset(extra_a + 1, 'A', LONG_A);
	extra_a[LONG_A + 1] = '\0';
	memcpy(want_pt_a, WWW, sizeof(WWW) - 1);
	memcpy(want_pt_a + sizeof(WWW) - 1, extra_a, sizeof(extra_a));
}

static void add_var(struct envp *e, const char *name_eq, const char *v)
{
	char buf[1024];
	size_t a = strlen(name_eq), b = strlen(v);

	ck_assert_uint_lt(a + b, sizeof(buf));
	memcpy(buf, name_eq, a);
	memcpy(buf + a, v, b + 1);
	envp_add(e, buf);
}

static void assert_var(const char *name, const char *want)
{
	struct env_in got;
	size_t i;

	got.n = 0;
	for (i = 0; i < out.n; i++)
		got.entry[got.n++] = out.entry[i];
	if (want == NULL)
		ck_assert_msg(env_get(&got, name) == NULL, "%s set", name);
	else
		ck_assert_msg(env_get(&got, name) != NULL &&
			      strcmp(env_get(&got, name), want) == 0,
			      "%s: want %s", name, want);
}

START_TEST(test_build_rewrite)
{
	const struct rw_case *c = &rw_cases[_i];
	struct env_rewrite rw = rw_joe;
	struct policy p = test_policy();
	const char *const names[] = {
		"PATH_INFO=", "PATH_TRANSLATED=", "SCRIPT_NAME=",
		"SCRIPT_FILENAME=", "DOCUMENT_ROOT=",
	};
	const char *vals[] = { c->pi, c->pt, c->sn, c->sf, c->dr };
	size_t i;

	ev.n = 0;
	for (i = 0; i < 5; i++)
		if (vals[i] != NULL)
			add_var(&ev, names[i], vals[i]);
	rw.rel_script = c->rel;
	rw.extra = c->extra;
	ck_assert_int_eq(env_intake(ev.v, &in), R_NONE);
	ck_assert_msg(env_build(&in, &rw, &p, &out) == R_NONE, "%s", c->what);
	assert_var("SCRIPT_NAME", c->want_sn);
	assert_var("SCRIPT_FILENAME", c->want_sf);
	assert_var("PATH_INFO", c->want_pi);
	assert_var("PATH_TRANSLATED", c->want_pt);
	assert_var("DOCUMENT_ROOT", c->dr);
}
END_TEST

/* The 5.2 options: use-redirect-url, use-script-url, path_translated-2. */
#define O_REDIRECT 1
#define O_SCRIPT_URL 2
#define O_PT2 4
#define O_INTERP 8

struct opt_case {
	const char *what;
	unsigned opt;
	const char *redirect, *script_url, *sn, *pi, *pt, *dr;
	const char *rel, *extra;
	const char *want_sn, *want_pt;
};

#define SN_SRV "/cgi-bin/cgiwrap"

static const struct opt_case opt_cases[] = {
	{ "row 17", O_REDIRECT, "/~joe/fancy/url.cgi/pi", NULL, SN_SRV,
	  "/joe/fancy/url.cgi/pi", NULL, NULL, "fancy/url.cgi", "/pi",
	  "/~joe/fancy/url.cgi", NULL },
	{ "row 18", O_SCRIPT_URL, NULL, "/~joe/argv.cgi", SN_SRV,
	  "/joe/argv.cgi", NULL, NULL, "argv.cgi", "", "/~joe/argv.cgi",
	  NULL },
	{ "script-url, extra removed", O_SCRIPT_URL, NULL, "/~joe/a.cgi/x/y",
	  SN_SRV, NULL, NULL, NULL, "a.cgi", "/x/y", "/~joe/a.cgi", NULL },
	{ "redirect-url, extra '/'", O_REDIRECT, "/~joe/sub/argv.cgi/", NULL,
	  SN_SRV, NULL, NULL, NULL, "sub/argv.cgi", "/", "/~joe/sub/argv.cgi",
	  NULL },
	{ "redirect-url, no server SCRIPT_NAME", O_REDIRECT, "/~joe/a.cgi",
	  NULL, NULL, NULL, NULL, NULL, "a.cgi", "", "/~joe/a.cgi", NULL },
	{ "redirect-url, extra not at the end", O_REDIRECT, "/~joe/a.cgi",
	  NULL, SN_SRV, NULL, NULL, NULL, "a.cgi", "/pi", "/~joe/a.cgi", NULL },
	{ "redirect-url, only the extra path", O_REDIRECT, "/pi", NULL, SN_SRV,
	  NULL, NULL, NULL, "a.cgi", "/pi", "/pi", NULL },
	{ "redirect-url, a longer tail is not the extra", O_REDIRECT,
	  "/~joe/a.cgi/xpi", NULL, SN_SRV, NULL, NULL, NULL, "a.cgi", "/pi",
	  "/~joe/a.cgi/xpi", NULL },
	{ "redirect-url off: REDIRECT_URL ignored", 0, "/~joe/a.cgi", NULL,
	  SN_SRV, NULL, NULL, NULL, "a.cgi", "", SN_SRV "/joe/a.cgi", NULL },
	{ "redirect-url, unset: rule 3", O_REDIRECT, NULL, "/~joe/s.cgi",
	  SN_SRV, NULL, NULL, NULL, "a.cgi", "", SN_SRV "/joe/a.cgi", NULL },
	{ "redirect-url, empty: rule 3", O_REDIRECT, "", NULL, SN_SRV, NULL,
	  NULL, NULL, "a.cgi", "", SN_SRV "/joe/a.cgi", NULL },
	{ "script-url, empty: rule 3", O_SCRIPT_URL, NULL, "", SN_SRV, NULL,
	  NULL, NULL, "a.cgi", "", SN_SRV "/joe/a.cgi", NULL },
	{ "script-url, unset, no SCRIPT_NAME: unset", O_SCRIPT_URL, NULL, NULL,
	  NULL, NULL, NULL, NULL, "a.cgi", "", NULL, NULL },
	{ "both: REDIRECT_URL first", O_REDIRECT | O_SCRIPT_URL, "/r.cgi",
	  "/s.cgi", SN_SRV, NULL, NULL, NULL, "a.cgi", "", "/r.cgi", NULL },
	{ "both: SCRIPT_URL next", O_REDIRECT | O_SCRIPT_URL, NULL, "/s.cgi/e",
	  SN_SRV, NULL, NULL, NULL, "a.cgi", "/e", "/s.cgi", NULL },
	/* path_translated-2 */
	{ "pt2", O_PT2, NULL, NULL, SN_SRV, "/joe/sub/argv.cgi/x",
	  WWW "/joe/sub/argv.cgi/x", WWW, "sub/argv.cgi", "/x",
	  SN_SRV "/joe/sub/argv.cgi", CGI "/sub/argv.cgi/x" },
	{ "pt2, no extra", O_PT2, NULL, NULL, SN_SRV, "/joe/env.cgi",
	  WWW "/joe/env.cgi", WWW, "env.cgi", "", SN_SRV "/joe/env.cgi",
	  CGI "/env.cgi" },
	{ "pt2, query form", O_PT2, NULL, NULL, SN_SRV, NULL, WWW "/q", WWW,
	  "a.cgi", "/zz", SN_SRV "/joe/a.cgi", CGI "/a.cgi/zz" },
	{ "pt2, server set none", O_PT2, NULL, NULL, SN_SRV, "/joe/a.cgi/x",
	  NULL, WWW, "a.cgi", "/x", SN_SRV "/joe/a.cgi", NULL },
	{ "pt2 and interpreted", O_PT2 | O_INTERP, NULL, NULL, SN_SRV,
	  "/joe/p.php/x", WWW "/joe/p.php/x", WWW, "p.php", "/x",
	  SN_SRV "/joe/p.php", CGI "/p.php/x" },
	/* interpreted scripts, rule 3 */
	{ "row 14", O_INTERP, NULL, NULL, SN_SRV, "/joe/page.php/extra",
	  WWW "/joe/page.php/extra", WWW, "page.php", "/extra",
	  SN_SRV "/joe/page.php", WWW "/page.php/extra" },
	{ "row 15", O_INTERP, NULL, NULL, SN_SRV, "/joe/sub/deeper/argv.cgi/x",
	  "/d/joe/sub/deeper/argv.cgi/x", NULL, "sub/deeper/argv.cgi", "/x",
	  SN_SRV "/joe/sub/deeper/argv.cgi", "/d/sub/deeper/argv.cgi/x" },
	{ "row 15, not interpreted", 0, NULL, NULL, SN_SRV,
	  "/joe/sub/deeper/argv.cgi/x", "/d/joe/sub/deeper/argv.cgi/x", NULL,
	  "sub/deeper/argv.cgi", "/x", SN_SRV "/joe/sub/deeper/argv.cgi",
	  "/d/x" },
	{ "interpreted, no extra: rule 2", O_INTERP, NULL, NULL, SN_SRV,
	  "/joe/page.php", WWW "/joe/page.php", WWW, "page.php", "",
	  SN_SRV "/joe/page.php", WWW "/joe/page.php" },
	{ "interpreted, rule 4", O_INTERP, NULL, NULL, SN_SRV, "/joe/p.php/e",
	  "/elsewhere/e", WWW, "p.php", "/e", SN_SRV "/joe/p.php", WWW "/e" },
	{ "interpreted, rule 5", O_INTERP, NULL, NULL, SN_SRV, "/joe/p.php/e",
	  "/elsewhere/e", NULL, "p.php", "/e", SN_SRV "/joe/p.php",
	  "/elsewhere/e" },
	{ "interpreted, PT unset", O_INTERP, NULL, NULL, SN_SRV, "/joe/p.php/e",
	  NULL, WWW, "p.php", "/e", SN_SRV "/joe/p.php", NULL },
};

START_TEST(test_build_options)
{
	const struct opt_case *c = &opt_cases[_i];
	struct env_rewrite rw = rw_joe;
	struct policy p = test_policy();
	const char *const names[] = {
		"REDIRECT_URL=", "SCRIPT_URL=", "SCRIPT_NAME=", "PATH_INFO=",
		"PATH_TRANSLATED=", "DOCUMENT_ROOT=",
	};
	const char *vals[] = {
		c->redirect, c->script_url, c->sn, c->pi, c->pt, c->dr,
	};
	size_t i;

	ev.n = 0;
	for (i = 0; i < 6; i++)
		if (vals[i] != NULL)
			add_var(&ev, names[i], vals[i]);
	rw.rel_script = c->rel;
	rw.extra = c->extra;
	rw.interpreted = (c->opt & O_INTERP) != 0;
	p.use_redirect_url = (c->opt & O_REDIRECT) != 0;
	p.use_script_url = (c->opt & O_SCRIPT_URL) != 0;
	p.path_translated_2 = (c->opt & O_PT2) != 0;
	ck_assert_int_eq(env_intake(ev.v, &in), R_NONE);
	ck_assert_msg(env_build(&in, &rw, &p, &out) == R_NONE, "%s", c->what);
	assert_var("SCRIPT_NAME", c->want_sn);
	assert_var("PATH_TRANSLATED", c->want_pt);
	/* The server's URLs are passed on as they came. */
	assert_var("REDIRECT_URL", c->redirect);
	assert_var("SCRIPT_URL", c->script_url);
	assert_var("PATH_INFO", c->extra[0] != '\0' ? c->extra : NULL);
}
END_TEST

/*
 * A REDIRECT_URL at the entry limit: the SCRIPT_NAME made of it is one byte
 * shorter ("SCRIPT_NAME=" vs "REDIRECT_URL="), less a trailing extra path.
 */
START_TEST(test_build_redirect_long)
{
	struct env_rewrite rw = rw_joe;
	struct policy p = test_policy();
	static const size_t head = sizeof("REDIRECT_URL=") - 1;
	static const size_t name = sizeof("SCRIPT_NAME=") - 1;

	p.use_redirect_url = true;
	envp_add_sized(&ev, "REDIRECT_URL=", ENV_MAX_ENTRY, 'r');
	ck_assert_int_eq(env_intake(ev.v, &in), R_NONE);
	ck_assert_int_eq(env_build(&in, &rw, &p, &out), R_NONE);
	ck_assert_uint_eq(strlen(out.entry[out.n - 1]), ENV_MAX_ENTRY - 1);
	ck_assert(strncmp(out.entry[out.n - 1], "SCRIPT_NAME=rrr", 15) == 0);
	env_free(&out);
	rw.extra = in.entry[0] + ENV_MAX_ENTRY - 3;	/* "rrr" */
	ck_assert_int_eq(env_build(&in, &rw, &p, &out), R_NONE);
	ck_assert_str_eq(out.entry[out.n - 1], "PATH_INFO=rrr");
	ck_assert(strncmp(out.entry[out.n - 2], "SCRIPT_NAME=", name) == 0);
	ck_assert_uint_eq(strlen(out.entry[out.n - 2]),
			  name + ENV_MAX_ENTRY - head - 3);
}
END_TEST

/* A rewritten entry of 65536 bytes passes; 65537 is refused, not cut. */
START_TEST(test_build_entry_limit)
{
	static const size_t fixed =
		sizeof("SCRIPT_NAME=") - 1 + sizeof("/joe/x") - 1;
	struct env_rewrite rw = rw_joe;
	struct policy p = test_policy();

	rw.rel_script = "x";
	envp_add_sized(&ev, "SCRIPT_NAME=", ENV_MAX_ENTRY - fixed + 12, 's');
	ck_assert_int_eq(env_intake(ev.v, &in), R_NONE);
	ck_assert_int_eq(env_build(&in, &rw, &p, &out), R_NONE);
	ck_assert_uint_eq(strlen(out.entry[1]), ENV_MAX_ENTRY);
	env_free(&out);
	envp_free(&ev);
	envp_add_sized(&ev, "SCRIPT_NAME=", ENV_MAX_ENTRY - fixed + 13, 's');
	ck_assert_int_eq(env_intake(ev.v, &in), R_NONE);
	ck_assert_int_eq(env_build(&in, &rw, &p, &out), R_ENV_TOO_LARGE);
	ck_assert_ptr_null(out.store);
	ck_assert_uint_eq(out.n, 0);
}
END_TEST

/* DOCUMENT_ROOT + extra path over the limit (rule 4). */
START_TEST(test_build_pt_limit)
{
	struct env_rewrite rw = rw_joe;
	struct policy p = test_policy();

	envp_add(&ev, "PATH_INFO=/joe/a.cgi/e");
	envp_add(&ev, "PATH_TRANSLATED=/x");
	envp_add_sized(&ev, "DOCUMENT_ROOT=", 40000, 'd');
	envp_add_sized(&ev, "REQUEST_URI=", 40000, 'u');
	ck_assert_int_eq(env_intake(ev.v, &in), R_NONE);
	rw.extra = extra_a;
	ck_assert_int_eq(env_build(&in, &rw, &p, &out), R_NONE);
	env_free(&out);
	rw.extra = in.entry[3];		/* 40000 bytes more */
	ck_assert_int_eq(env_build(&in, &rw, &p, &out), R_ENV_TOO_LARGE);
}
END_TEST

/* Everything kept at the limits: 1024 entries of up to 1 MiB in all. */
START_TEST(test_build_full)
{
	char name[16] = "HTTP_AAA=";
	size_t i;
	struct policy p = test_policy();

	for (i = 0; i < ENV_MAX_ENTRIES; i++) {
		name[5] = (char)('A' + i / 676);
		name[6] = (char)('A' + i / 26 % 26);
		name[7] = (char)('A' + i % 26);
		envp_add_sized(&ev, name, 1000, 'v');
	}
	ck_assert_int_eq(env_intake(ev.v, &in), R_NONE);
	ck_assert_uint_eq(in.n, ENV_MAX_ENTRIES);
	ck_assert_int_eq(env_build(&in, &rw_joe, &p, &out), R_NONE);
	ck_assert_uint_eq(out.n, ENV_MAX_ENTRIES + 1);
	ck_assert_str_eq(out.entry[ENV_MAX_ENTRIES],
			 "PATH=/usr/local/bin:/usr/bin:/bin");
	ck_assert_ptr_null(out.entry[out.n]);
	ck_assert_uint_eq(out.used, out.cap);
}
END_TEST

/* env_build re-checks what intake guarantees: a hand-made env_in. */
START_TEST(test_build_unchecked_in)
{
	static const char *const want[] = {
		"QUERY_STRING=q", "PATH=/usr/local/bin:/usr/bin:/bin", NULL,
	};
	struct policy p = test_policy();

	envp_add(&ev, "NOEQUALS");
	envp_add(&ev, "QUERY_STRING=q");
	envp_add_sized(&ev, "HTTP_BIG=", ENV_MAX_ENTRY + 1, 'b');
	in.n = 2;
	in.entry[0] = ev.v[0];
	in.entry[1] = ev.v[1];
	ck_assert_int_eq(env_build(&in, &rw_joe, &p, &out), R_NONE);
	assert_env(&out, want);
	env_free(&out);
	in.entry[in.n++] = ev.v[2];
	ck_assert_int_eq(env_build(&in, &rw_joe, &p, &out), R_ENV_TOO_LARGE);
	in.n = ENV_MAX_ENTRIES + 1;
	ck_assert_int_eq(env_build(&in, &rw_joe, &p, &out), R_INTERNAL);
}
END_TEST

START_TEST(test_build_incomplete)
{
	struct env_rewrite rw = rw_joe;
	struct policy p = test_policy();
	static const char *const list[] = { "QUERY_STRING=", NULL };

	rw.extra = NULL;
	ck_assert_int_eq(build(list, &rw, &p), R_INTERNAL);
	ck_assert_ptr_null(out.store);
	rw = rw_joe;
	rw.home = NULL;
	ck_assert_int_eq(env_build(&in, &rw, &p, &out), R_NONE);
	env_free(&out);
	p.auto_setenv_home = true;
	ck_assert_int_eq(env_build(&in, &rw, &p, &out), R_INTERNAL);
	p = test_policy();
	p.setenv_path = NULL;
	ck_assert_int_eq(env_build(&in, &rw_joe, &p, &out), R_INTERNAL);
	env_free(&out);
	env_free(&out);
}
END_TEST

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

static Suite *env_suite(void)
{
	Suite *s = suite_create("env");
	TCase *tc = tcase_create("intake");

	tcase_add_loop_test(tc, test_intake_limits, 0, N(limit_cases));
	tcase_add_test(tc, test_intake_total);
	tcase_add_test(tc, test_intake_null);
	tcase_add_loop_test(tc, test_intake_form, 0, N(form_cases));
	tcase_add_test(tc, test_intake_duplicates);
	suite_add_tcase(s, tc);
	tc = tcase_create("allow");
	tcase_add_loop_test(tc, test_name_allowed, 0, N(name_cases));
	tcase_add_test(tc, test_name_allowed_len);
	tcase_add_loop_test(tc, test_name_pass_env, 0, N(pass_cases));
	suite_add_tcase(s, tc);
	tc = tcase_create("build");
	tcase_add_checked_fixture(tc, rw_setup, build_teardown);
	tcase_add_test(tc, test_build_dangerous);
	tcase_add_test(tc, test_build_pass_env);
	tcase_add_loop_test(tc, test_build_settings, 0, N(setting_cases));
	tcase_add_loop_test(tc, test_build_rewrite, 0, N(rw_cases));
	tcase_add_loop_test(tc, test_build_options, 0, N(opt_cases));
	tcase_add_test(tc, test_build_redirect_long);
	tcase_add_test(tc, test_build_entry_limit);
	tcase_add_test(tc, test_build_pt_limit);
	tcase_add_test(tc, test_build_full);
	tcase_add_test(tc, test_build_unchecked_in);
	tcase_add_test(tc, test_build_incomplete);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(env_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
