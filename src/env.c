/* The script's environment (pure): intake, allow-list, rewriting. */
#include <stdint.h>
#include <string.h>
#include <stdlib.h>
#include "env.h"

/* The CGI/1.1 set, its companions and the D6 extras (spec 5.1). */
static const char *const exact_names[] = {
	"AUTH_TYPE", "CONTENT_LENGTH", "CONTENT_TYPE", "GATEWAY_INTERFACE",
	"PATH_INFO", "PATH_TRANSLATED", "QUERY_STRING", "REMOTE_ADDR",
	"REMOTE_HOST", "REMOTE_IDENT", "REMOTE_USER", "REQUEST_METHOD",
	"SCRIPT_NAME", "SERVER_NAME", "SERVER_PORT", "SERVER_PROTOCOL",
	"SERVER_SOFTWARE",
	"DOCUMENT_ROOT", "SCRIPT_FILENAME", "REMOTE_PORT", "SERVER_ADDR",
	"SERVER_SIGNATURE", "HTTPS",
	"UNIQUE_ID", "REQUEST_URI", "SCRIPT_URI", "SCRIPT_URL", "SERVER_ADMIN",
	"CONTEXT_DOCUMENT_ROOT", "CONTEXT_PREFIX", "REQUEST_SCHEME", "TZ",
};

/* Families passed whole; the name must go on after the prefix. */
static const char *const prefix_names[] = { "HTTP_", "SSL_", "REDIRECT_" };

/* A piece of an output entry: bytes not necessarily NUL-terminated. */
struct piece {
	const char *s;
	size_t len;
};

#define SPEC_PIECES 6

/* One variable the wrapper sets: "NAME=" and the pieces of its value. */
struct spec {
	struct piece part[SPEC_PIECES];
	size_t n;
};

#define SPEC_MAX 8

static bool is_name_start(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

static bool is_name_char(char c)
{
	return is_name_start(c) || (c >= '0' && c <= '9');
}

/* The name length of e if e is "NAME=..." with a valid name, else 0. */
static size_t entry_name_len(const char *e)
{
	size_t i = 1;

	if (!is_name_start(e[0]))
		return 0;
	while (is_name_char(e[i]))
		i++;
	return e[i] == '=' ? i : 0;
}

static bool name_is(const char *name, size_t len, const char *want)
{
	return strlen(want) == len && memcmp(name, want, len) == 0;
}

static bool name_has_prefix(const char *name, size_t len, const char *prefix)
{
	size_t plen = strlen(prefix);

	return len >= plen && memcmp(name, prefix, plen) == 0;
}

/* Index in in of an entry whose name is name[0..len), or in->n. */
static size_t find_entry(const struct env_in *in, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < in->n; i++)
		if (strncmp(in->entry[i], name, len) == 0 &&
		    in->entry[i][len] == '=')
			return i;
	return in->n;
}

enum reason env_intake(char *const *envp, struct env_in *out)
{
	size_t i, total = 0;

	out->n = 0;
	if (envp == NULL)
		return R_NONE;
	/* Every entry counts, malformed or not: the limits bound our work. */
	for (i = 0; envp[i] != NULL; i++) {
		size_t len, name_len;

		if (i >= ENV_MAX_ENTRIES)
			return R_ENV_TOO_LARGE;
		len = strnlen(envp[i], ENV_MAX_ENTRY + 1);
		if (len > ENV_MAX_ENTRY)
			return R_ENV_TOO_LARGE;
		total += len;
		if (total > ENV_MAX_TOTAL)
			return R_ENV_TOO_LARGE;
		name_len = entry_name_len(envp[i]);
		/* First copy wins, as getenv() sees it (A4): one copy only. */
		if (name_len == 0 ||
		    find_entry(out, envp[i], name_len) < out->n)
			continue;
		out->entry[out->n++] = envp[i];
	}
	return R_NONE;
}

const char *env_get(const struct env_in *in, const char *name)
{
	size_t len = strlen(name);
	size_t i = find_entry(in, name, len);

	return i < in->n ? in->entry[i] + len + 1 : NULL;
}

/*
 * Never passed whatever the lists say: the loader's variables (A3), the
 * caller's PATH and HOME (the wrapper sets its own) and the wrapper's own
 * CGIWRAP_* namespace.
 */
static bool name_forbidden(const char *name, size_t len)
{
	return name_is(name, len, "PATH") || name_is(name, len, "HOME") ||
	       name_is(name, len, "HTTP_PROXY") ||
	       name_has_prefix(name, len, "LD_") ||
	       name_has_prefix(name, len, "CGIWRAP_");
}

static bool name_in_family(const char *name, size_t len)
{
	size_t i;

	/* httpoxy (CVE-2016-5387): a "Proxy:" header must not set a proxy. */
	if (name_is(name, len, "HTTP_PROXY"))
		return false;
	for (i = 0; i < sizeof(prefix_names) / sizeof(prefix_names[0]); i++)
		if (name_has_prefix(name, len, prefix_names[i]) &&
		    len > strlen(prefix_names[i]))
			return true;
	return false;
}

/* An allow-list, never a block-list: unknown names are dropped (A3). */
bool env_name_allowed(const char *name, size_t len, const struct policy *p)
{
	size_t i;

	if (len == 0 || name_forbidden(name, len))
		return false;
	for (i = 0; i < sizeof(exact_names) / sizeof(exact_names[0]); i++)
		if (name_is(name, len, exact_names[i]))
			return true;
	if (name_in_family(name, len))
		return true;
	for (i = 0; i < p->n_pass_env; i++)
		if (p->pass_env[i] != NULL &&
		    name_is(name, len, p->pass_env[i]))
			return true;
	return false;
}

/*
 * Whether the wrapper sets this allowed variable itself, so the caller's is
 * not kept (PATH, HOME and LD_* are never allowed at all).
 */
static bool name_set_by_wrapper(const char *name, size_t len,
				const struct policy *p)
{
	static const char *const own[] = {
		"SCRIPT_NAME", "SCRIPT_FILENAME", "PATH_INFO",
		"PATH_TRANSLATED",
	};
	size_t i;

	for (i = 0; i < sizeof(own) / sizeof(own[0]); i++)
		if (name_is(name, len, own[i]))
			return true;
	return p->setenv_tz != NULL && name_is(name, len, "TZ");
}

static void spec_add(struct spec *sp, const char *s, size_t len)
{
	sp->part[sp->n].s = s;
	sp->part[sp->n].len = len;
	sp->n++;
}

static void spec_add_str(struct spec *sp, const char *s)
{
	spec_add(sp, s, strlen(s));
}

/* Start the next variable of list with "NAME=". */
static struct spec *spec_begin(struct spec *list, size_t *n,
			       const char *name_eq)
{
	struct spec *sp = &list[(*n)++];

	sp->n = 0;
	spec_add_str(sp, name_eq);
	return sp;
}

/* The next variable of list: "NAME=" and one value. */
static void spec_one(struct spec *list, size_t *n, const char *name_eq,
		     const char *value)
{
	spec_add_str(spec_begin(list, n, name_eq), value);
}

/*
 * A URL the server gave for the script, without a trailing copy of the
 * extra path: the original copied it whole, repeating the extra path.
 */
static void spec_url_name(struct spec *list, size_t *n, const char *url,
			  const char *extra)
{
	size_t len = strlen(url);
	size_t elen = strlen(extra);

	if (elen > 0 && len > elen &&
	    memcmp(url + len - elen, extra, elen) == 0)
		len -= elen;
	spec_add(spec_begin(list, n, "SCRIPT_NAME="), url, len);
}

/* SCRIPT_NAME by the first rule of spec 5.2 that applies. */
static void spec_script_name(const struct env_in *in,
			     const struct env_rewrite *rw,
			     const struct policy *p, struct spec *list,
			     size_t *n)
{
	const char *redirect = env_get(in, "REDIRECT_URL");
	const char *script_url = env_get(in, "SCRIPT_URL");
	const char *sn = env_get(in, "SCRIPT_NAME");
	struct spec *sp;

	if (p->use_redirect_url && redirect != NULL && redirect[0] != '\0') {
		spec_url_name(list, n, redirect, rw->extra);
		return;
	}
	if (p->use_script_url && script_url != NULL && script_url[0] != '\0') {
		spec_url_name(list, n, script_url, rw->extra);
		return;
	}
	if (sn == NULL)
		return;
	sp = spec_begin(list, n, "SCRIPT_NAME=");
	spec_add_str(sp, sn);
	spec_add_str(sp, "/");
	spec_add_str(sp, rw->user);
	spec_add_str(sp, "/");
	spec_add_str(sp, rw->rel_script);
}

/* "NAME=" base_dir '/' rel_script, the absolute script path. */
static struct spec *spec_script_path(struct spec *list, size_t *n,
				     const char *name_eq,
				     const struct env_rewrite *rw)
{
	struct spec *sp = spec_begin(list, n, name_eq);

	spec_add_str(sp, rw->base_dir);
	spec_add_str(sp, "/");
	spec_add_str(sp, rw->rel_script);
	return sp;
}

/*
 * PATH_TRANSLATED by the rules of spec 5.2.  Building from pieces sized
 * from the inputs, never in a buffer sized for the old value (W1).
 */
static void spec_path_translated(const struct env_in *in,
				 const struct env_rewrite *rw,
				 const struct policy *p, struct spec *list,
				 size_t *n)
{
	const char *pt = env_get(in, "PATH_TRANSLATED");
	const char *pi = env_get(in, "PATH_INFO");
	const char *dr = env_get(in, "DOCUMENT_ROOT");
	const char *at;
	struct spec *sp;

	if (pt == NULL)
		return;
	if (p->path_translated_2) {
		spec_add_str(spec_script_path(list, n, "PATH_TRANSLATED=", rw),
			     rw->extra);
		return;
	}
	at = pi == NULL || pi[0] == '\0' ? NULL : strstr(pt, pi);
	if (pi == NULL || pi[0] == '\0' || rw->extra[0] == '\0' ||
	    (at == NULL && dr == NULL)) {
		spec_one(list, n, "PATH_TRANSLATED=", pt);
		return;
	}
	sp = spec_begin(list, n, "PATH_TRANSLATED=");
	if (at == NULL) {
		spec_add_str(sp, dr);
	} else {
		spec_add(sp, pt, (size_t)(at - pt));
		if (rw->interpreted) {
			spec_add_str(sp, "/");
			spec_add_str(sp, rw->rel_script);
		}
	}
	spec_add_str(sp, rw->extra);
}

/* The wrapper's own variables, in output order. */
static void wrapper_specs(const struct env_in *in, const struct env_rewrite *rw,
			  const struct policy *p, struct spec *list, size_t *n)
{
	spec_one(list, n, "PATH=", p->setenv_path);
	if (p->setenv_tz != NULL)
		spec_one(list, n, "TZ=", p->setenv_tz);
	if (p->setenv_ld_library_path != NULL)
		spec_one(list, n, "LD_LIBRARY_PATH=",
			 p->setenv_ld_library_path);
	/* No auto-setenv-home: HOME stays unset; the caller's is dropped. */
	if (p->auto_setenv_home)
		spec_one(list, n, "HOME=", rw->home);
	spec_script_name(in, rw, p, list, n);
	if (env_get(in, "SCRIPT_FILENAME") != NULL)
		(void)spec_script_path(list, n, "SCRIPT_FILENAME=", rw);
	if (rw->extra[0] != '\0')
		spec_one(list, n, "PATH_INFO=", rw->extra);
	spec_path_translated(in, rw, p, list, n);
}

static size_t spec_len(const struct spec *sp)
{
	size_t i, len = 0;

	for (i = 0; i < sp->n; i++) {
		if (sp->part[i].len > ENV_MAX_ENTRY)
			return SIZE_MAX;
		len += sp->part[i].len;
	}
	return len;
}

/* Copy the pieces and a NUL into the store as the next entry. */
static void store_put(struct env_out *out, const struct piece *part, size_t n)
{
	char *start = out->store + out->used;
	size_t i;

	for (i = 0; i < n; i++) {
		memcpy(out->store + out->used, part[i].s, part[i].len);
		out->used += part[i].len;
	}
	out->store[out->used++] = '\0';
	out->entry[out->n++] = start;
	out->entry[out->n] = NULL;
}

static bool rewrite_complete(const struct env_rewrite *rw,
			     const struct policy *p)
{
	return rw->user != NULL && rw->rel_script != NULL &&
	       rw->extra != NULL && rw->base_dir != NULL &&
	       p->setenv_path != NULL &&
	       (!p->auto_setenv_home || rw->home != NULL);
}

/* Whether in's entry i is passed unchanged; its length goes to *len. */
static bool keep_entry(const struct env_in *in, size_t i,
		       const struct policy *p, size_t *len)
{
	size_t name_len = entry_name_len(in->entry[i]);

	*len = strnlen(in->entry[i], ENV_MAX_ENTRY + 1);
	return name_len != 0 && env_name_allowed(in->entry[i], name_len, p) &&
	       !name_set_by_wrapper(in->entry[i], name_len, p);
}

/* Bytes the store needs; R_ENV_TOO_LARGE when an entry is over the limit. */
static enum reason store_size(const struct env_in *in, const struct policy *p,
			      const struct spec *list, size_t n_spec,
			      size_t *cap)
{
	size_t i, len;

	*cap = 0;
	for (i = 0; i < in->n; i++) {
		if (!keep_entry(in, i, p, &len))
			continue;
		if (len > ENV_MAX_ENTRY)
			return R_ENV_TOO_LARGE;
		*cap += len + 1;
	}
	for (i = 0; i < n_spec; i++) {
		len = spec_len(&list[i]);
		if (len > ENV_MAX_ENTRY)
			return R_ENV_TOO_LARGE;
		*cap += len + 1;
	}
	return R_NONE;
}

enum reason env_build(const struct env_in *in, const struct env_rewrite *rw,
		      const struct policy *p, struct env_out *out)
{
	struct spec list[SPEC_MAX];
	struct piece whole;
	size_t i, n_spec = 0;
	enum reason r;

	out->n = 0;
	out->entry[0] = NULL;
	out->store = NULL;
	out->used = out->cap = 0;
	if (in->n > ENV_MAX_ENTRIES || !rewrite_complete(rw, p))
		return R_INTERNAL;
	wrapper_specs(in, rw, p, list, &n_spec);
	r = store_size(in, p, list, n_spec, &out->cap);
	if (r != R_NONE)
		return r;
	out->store = malloc(out->cap);
	if (out->store == NULL)
		return R_INTERNAL;
	for (i = 0; i < in->n; i++) {
		whole.s = in->entry[i];
		if (keep_entry(in, i, p, &whole.len))
			store_put(out, &whole, 1);
	}
	for (i = 0; i < n_spec; i++)
		store_put(out, list[i].part, list[i].n);
	return R_NONE;
}

void env_free(struct env_out *out)
{
	free(out->store);
	out->store = NULL;
	out->n = 0;
	out->used = out->cap = 0;
	out->entry[0] = NULL;
}
