/* Virtual hosts (pure): the vhost name and the path of its access files. */
#include <string.h>
#include "vhost.h"

static char to_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* The bytes a vhost file name may hold: no '/', no blank, no control. */
static bool is_vhost_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '.' || c == '-' || c == '_' || c == ':' || c == '[' ||
	       c == ']';
}

/*
 * The name becomes a file name opened as root: no '/' can pass, and a
 * leading '.' is refused, so neither "." nor ".." nor a hidden file can be
 * named (the original opened <dir>/../../etc).
 */
static bool name_ok(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || len > VHOST_MAX_NAME || s[0] == '.')
		return false;
	for (i = 0; i < len; i++)
		if (!is_vhost_char(s[i]))
			return false;
	return true;
}

enum reason vhost_name(const char *override_value, bool override_on,
		       const char *http_host, char out[VHOST_MAX_NAME + 1])
{
	/* HTTP_HOST is the client's: a server-set override wins (A23). */
	const char *v = http_host;
	size_t i, len;

	out[0] = '\0';
	if (override_on && override_value != NULL && override_value[0] != '\0')
		v = override_value;
	if (v == NULL || v[0] == '\0')
		return R_NO_VHOST;
	len = strnlen(v, VHOST_MAX_NAME + 1);
	if (len > VHOST_MAX_NAME)
		return R_BAD_VHOST;
	for (i = 0; i < len; i++)
		out[i] = to_lower(v[i]);
	out[len] = '\0';
	if (!name_ok(out, len)) {
		out[0] = '\0';
		return R_BAD_VHOST;
	}
	return R_NONE;
}

enum reason vhost_path(const char *dir, const char *name, char *out,
		       size_t cap)
{
	size_t dlen, nlen, slash;

	if (out == NULL || cap == 0)
		return R_INTERNAL;
	out[0] = '\0';
	if (dir == NULL || dir[0] != '/' || name == NULL)
		return R_INTERNAL;
	/* Re-checked where the path is made: the name came from a client. */
	nlen = strnlen(name, VHOST_MAX_NAME + 1);
	if (!name_ok(name, nlen))
		return R_BAD_VHOST;
	dlen = strlen(dir);
	slash = dir[dlen - 1] == '/' ? 0 : 1;
	if (dlen >= cap || cap - dlen <= slash + nlen)
		return R_INTERNAL;
	memcpy(out, dir, dlen);
	if (slash != 0)
		out[dlen] = '/';
	memcpy(out + dlen + slash, name, nlen + 1);
	return R_NONE;
}
