/* Parsing the request (pure): which user, which script candidate. */
#include <string.h>

#include "request.h"

static const char empty[] = "";

static struct span span_empty(void)
{
	struct span s = { empty, 0 };

	return s;
}

/* s[0..len) with its leading '/'s removed. */
static struct span skip_slashes(const char *s, size_t len)
{
	struct span r = { s, len };

	while (r.len > 0 && r.p[0] == '/') {
		r.p++;
		r.len--;
	}
	return r;
}

/* The first component of PATH_INFO (leading '/'s skipped); empty if none. */
static struct span path_user(const char *path_info)
{
	struct span r;
	const char *slash;

	if (path_info == NULL)
		return span_empty();
	r = skip_slashes(path_info, strlen(path_info));
	slash = memchr(r.p, '/', r.len);
	if (slash != NULL)
		r.len = (size_t)(slash - r.p);
	return r;
}

/*
 * Names that can never be an account, or that would change meaning in a
 * path, a log line or an NSS query, are refused before any lookup (4.1).
 */
static bool is_bad_user_byte(unsigned char c)
{
	return c < 0x20 || c == 0x7f || c == ' ' || c == '/' || c == ':';
}

enum reason request_user(const char *path_info, const char *query,
			 char out[REQUEST_MAX_USER + 1])
{
	struct span u = path_user(path_info);
	size_t i;

	out[0] = '\0';
	if (u.len == 0 && !request_query_value(query, "user", &u))
		return R_NO_USER;
	if (u.len > 0 && u.p[0] == '~') {
		u.p++;
		u.len--;
	}
	if (u.len == 0)
		return R_NO_USER;
	if (u.len > REQUEST_MAX_USER)
		return R_UNKNOWN_USER;
	for (i = 0; i < u.len; i++) {
		if (is_bad_user_byte((unsigned char)u.p[i]))
			return R_UNKNOWN_USER;
	}
	memcpy(out, u.p, u.len);
	out[u.len] = '\0';
	return R_NONE;
}

enum reason request_script(const char *path_info, const char *query,
			   struct span *candidate, bool *from_query)
{
	struct span u = path_user(path_info);
	struct span rest = skip_slashes(u.p + u.len, strlen(u.p + u.len));
	struct span v;

	*candidate = span_empty();
	*from_query = false;
	if (rest.len > 0) {
		*candidate = rest;
		return R_NONE;
	}
	if (!request_query_value(query, "script", &v))
		return R_NO_SCRIPT;
	v = skip_slashes(v.p, v.len);
	if (v.len == 0)
		return R_NO_SCRIPT;
	*candidate = v;
	*from_query = true;
	return R_NONE;
}

/* Keys match exactly: prefix matching let "username=" name the user (W12). */
bool request_query_value(const char *query, const char *key, struct span *value)
{
	size_t klen = strlen(key);
	const char *tok = query;

	*value = span_empty();
	while (tok != NULL) {
		const char *amp = strchr(tok, '&');
		size_t tlen = amp != NULL ? (size_t)(amp - tok) : strlen(tok);
		const char *eq = memchr(tok, '=', tlen);

		if (eq != NULL && (size_t)(eq - tok) == klen &&
		    memcmp(tok, key, klen) == 0) {
			value->p = eq + 1;
			value->len = tlen - klen - 1;
			return true;
		}
		tok = amp != NULL ? amp + 1 : NULL;
	}
	return false;
}
