/*
 * Fuzz target: the environment builder (env_intake, env_get,
 * env_name_allowed, env_build).
 *
 * Input: a flag byte (bit 0 use-redirect-url, 1 use-script-url,
 * 2 path_translated-2, 3 auto-setenv-home, 4 setenv TZ, 5 setenv
 * LD_LIBRARY_PATH, 6 interpreted, 7 add an entry near the 64 KiB limit),
 * a size byte (the padding near the limit; bit 7 also pads the base
 * directory), then NUL-separated entries: the first is the extra path
 * info, the others the caller's environment.
 */
#include "fuzz.h"
#include "env.h"
#include "test_policy.h"

#define MAX_ENTRIES (ENV_MAX_ENTRIES + 8)

static const char *const listed[] = {
	"MY_VAR", "LD_PRELOAD", "PATH", "HOME", "HTTP_PROXY", "CGIWRAP_X",
};

/* The wrapper's own names under p, and their fixed values (NULL: computed). */
static bool own_name(const char *n, size_t len, const struct policy *p)
{
	static const char *const always[] = {
		"PATH", "SCRIPT_NAME", "SCRIPT_FILENAME", "PATH_INFO",
		"PATH_TRANSLATED",
	};
	size_t i;

	for (i = 0; i < sizeof(always) / sizeof(always[0]); i++)
		if (strlen(always[i]) == len && memcmp(n, always[i], len) == 0)
			return true;
	if (p->setenv_tz != NULL && len == 2 && memcmp(n, "TZ", 2) == 0)
		return true;
	if (p->setenv_ld_library_path != NULL && len == 15 &&
	    memcmp(n, "LD_LIBRARY_PATH", 15) == 0)
		return true;
	return p->auto_setenv_home && len == 4 && memcmp(n, "HOME", 4) == 0;
}

static size_t name_len(const char *e)
{
	size_t i = 0;

	if (!((e[0] >= 'A' && e[0] <= 'Z') || (e[0] >= 'a' && e[0] <= 'z') ||
	      e[0] == '_'))
		return 0;
	while ((e[i] >= 'A' && e[i] <= 'Z') || (e[i] >= 'a' && e[i] <= 'z') ||
	       (e[i] >= '0' && e[i] <= '9') || e[i] == '_')
		i++;
	return e[i] == '=' ? i : 0;
}

/* Value of the output variable name, or NULL. */
static const char *out_get(const struct env_out *o, const char *name)
{
	size_t i, n = strlen(name);

	for (i = 0; i < o->n; i++)
		if (strncmp(o->entry[i], name, n) == 0 && o->entry[i][n] == '=')
			return o->entry[i] + n + 1;
	return NULL;
}

static void check_intake(char **envp, size_t n, const struct env_in *in)
{
	size_t i, j;

	FUZZ_CHECK(in->n <= n);
	for (i = 0; i < in->n; i++) {
		size_t nl = name_len(in->entry[i]);
		bool from_envp = false;

		FUZZ_CHECK(nl > 0);
		for (j = 0; j < n; j++)
			from_envp |= in->entry[i] == envp[j];
		FUZZ_CHECK(from_envp);
		for (j = 0; j < i; j++)
			FUZZ_CHECK(!(strncmp(in->entry[j], in->entry[i], nl) == 0 &&
				     in->entry[j][nl] == '='));
	}
	/* Every well-formed name is there, with its first value (A4). */
	for (j = 0; j < n; j++) {
		size_t nl = name_len(envp[j]);
		char name[64];
		const char *v;

		if (nl == 0 || nl >= sizeof(name))
			continue;
		memcpy(name, envp[j], nl);
		name[nl] = '\0';
		v = env_get(in, name);
		FUZZ_CHECK(v != NULL);
		for (i = 0; i < j; i++)
			if (strncmp(envp[i], name, nl) == 0 && envp[i][nl] == '=')
				break;
		FUZZ_CHECK(v == envp[i] + nl + 1);
	}
}

static void check_output(const struct env_in *in, const struct env_rewrite *rw,
			 const struct policy *p, const struct env_out *o)
{
	size_t i, j;

	FUZZ_CHECK(o->n <= ENV_MAX_OUT && o->entry[o->n] == NULL);
	FUZZ_CHECK(o->used == o->cap);
	for (i = 0; i < o->n; i++) {
		const char *e = o->entry[i];
		size_t nl = name_len(e);

		FUZZ_CHECK(e >= o->store && e < o->store + o->cap);
		FUZZ_CHECK(nl > 0 && strlen(e) <= ENV_MAX_ENTRY);
		/* Allowed and not the wrapper's, or the wrapper's own. */
		if (!own_name(e, nl, p))
			FUZZ_CHECK(env_name_allowed(e, nl, p));
		FUZZ_CHECK(strncmp(e, "LD_", 3) != 0 ||
			   strncmp(e, "LD_LIBRARY_PATH=", 16) == 0);
		FUZZ_CHECK(strncmp(e, "CGIWRAP_", 8) != 0);
		FUZZ_CHECK(strncmp(e, "HTTP_PROXY=", 11) != 0);
		for (j = 0; j < i; j++)
			FUZZ_CHECK(!(strncmp(o->entry[j], e, nl) == 0 &&
				     o->entry[j][nl] == '='));
	}
	FUZZ_CHECK(out_get(o, "PATH") != NULL &&
		   strcmp(out_get(o, "PATH"), p->setenv_path) == 0);
	if (p->auto_setenv_home)
		FUZZ_CHECK(out_get(o, "HOME") != NULL &&
			   strcmp(out_get(o, "HOME"), rw->home) == 0);
	else
		FUZZ_CHECK(out_get(o, "HOME") == NULL);
	if (p->setenv_ld_library_path == NULL)
		FUZZ_CHECK(out_get(o, "LD_LIBRARY_PATH") == NULL);
	if (rw->extra[0] != '\0')
		FUZZ_CHECK(out_get(o, "PATH_INFO") != NULL &&
			   strcmp(out_get(o, "PATH_INFO"), rw->extra) == 0);
	else
		FUZZ_CHECK(out_get(o, "PATH_INFO") == NULL);
	FUZZ_CHECK((out_get(o, "SCRIPT_FILENAME") != NULL) ==
		   (env_get(in, "SCRIPT_FILENAME") != NULL));
	FUZZ_CHECK((out_get(o, "PATH_TRANSLATED") != NULL) ==
		   (env_get(in, "PATH_TRANSLATED") != NULL));
	/* Kept entries are the caller's, unchanged. */
	for (i = 0; i < in->n; i++) {
		size_t nl = name_len(in->entry[i]);
		char name[64];

		if (nl >= sizeof(name) || own_name(in->entry[i], nl, p) ||
		    !env_name_allowed(in->entry[i], nl, p))
			continue;
		memcpy(name, in->entry[i], nl);
		name[nl] = '\0';
		FUZZ_CHECK(out_get(o, name) != NULL &&
			   strcmp(out_get(o, name), in->entry[i] + nl + 1) == 0);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	uint8_t flags = fuzz_byte(&in);
	uint8_t sz = fuzz_byte(&in);
	char *extra = fuzz_str(&in, '\0');
	char *envp[MAX_ENTRIES + 1];
	size_t n = 0, i;
	static struct env_in ein;
	static struct env_out eout;
	struct policy p = test_policy();
	char *base = NULL;
	enum reason r;
	bool padded = false, pad_over = false;
	struct env_rewrite rw = {
		.user = "alice", .rel_script = "sub/x.cgi", .extra = extra,
		.base_dir = "/home/alice/public_html/cgi-bin",
		.home = "/home/alice", .interpreted = (flags & 64) != 0,
	};

	p.use_redirect_url = flags & 1;
	p.use_script_url = flags & 2;
	p.path_translated_2 = flags & 4;
	p.auto_setenv_home = flags & 8;
	p.setenv_tz = (flags & 16) ? "UTC" : NULL;
	p.setenv_ld_library_path = (flags & 32) ? "/usr/lib/cgi" : NULL;
	p.pass_env = listed;
	p.n_pass_env = sizeof(listed) / sizeof(listed[0]);
	while (in.len > 0 && n < MAX_ENTRIES - 1)
		envp[n++] = fuzz_str(&in, '\0');
	if (flags & 128) {
		/* "HTTP_PAD=" and a value: 8 bytes under the limit to 7 over. */
		size_t len = ENV_MAX_ENTRY - 8 + (sz & 15);

		envp[n] = malloc(len + 1);
		if (envp[n] == NULL)
			abort();
		memset(envp[n], 'A', len);
		memcpy(envp[n], "HTTP_PAD=", 9);
		envp[n++][len] = '\0';
		padded = true;
		pad_over = len > ENV_MAX_ENTRY;
	}
	if (sz & 128) {
		/* A base directory that puts SCRIPT_FILENAME near the limit. */
		size_t len = ENV_MAX_ENTRY - 40 + (sz & 63);

		base = malloc(len + 1);
		if (base == NULL)
			abort();
		memset(base, 'b', len);
		base[0] = '/';
		base[len] = '\0';
		rw.base_dir = base;
		padded = true;
	}
	envp[n] = NULL;
	r = env_intake(envp, &ein);
	FUZZ_CHECK(r == R_NONE ||
		   (r == R_ENV_TOO_LARGE && (padded || n > ENV_MAX_ENTRIES)));
	if (n > ENV_MAX_ENTRIES || pad_over)
		FUZZ_CHECK(r == R_ENV_TOO_LARGE);
	if (r == R_NONE) {
		check_intake(envp, n, &ein);
		r = env_build(&ein, &rw, &p, &eout);
		FUZZ_CHECK(r == R_NONE || (r == R_ENV_TOO_LARGE && padded));
		if (r == R_NONE)
			check_output(&ein, &rw, &p, &eout);
		else
			FUZZ_CHECK(eout.n == 0 && eout.entry[0] == NULL);
		env_free(&eout);
	}
	for (i = 0; i < n; i++)
		free(envp[i]);
	free(base);
	free(extra);
	return 0;
}
