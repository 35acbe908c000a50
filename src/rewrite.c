/* The rewrite file (pure): a user's base directory from "user:path" lines. */
#include <string.h>
#include "rewrite.h"
#include "user.h"

/*
 * Absolute, with no empty, "." or ".." component: the base directory is
 * joined with '/' and the script path, and checked component by component,
 * so it must be in the one clean form ("/" and "/x/" are not).
 */
static bool path_is_clean(struct span s)
{
	size_t i = 1;

	if (s.len < 2 || s.p[0] != '/')
		return false;
	while (i <= s.len) {
		size_t start = i;
		size_t n;

		while (i < s.len && s.p[i] != '/')
			i++;
		n = i - start;
		if (n == 0 || (n == 1 && s.p[start] == '.') ||
		    (n == 2 && s.p[start] == '.' && s.p[start + 1] == '.'))
			return false;
		i++;
	}
	return true;
}

/* One entry "name:path": R_NONE with *path and whether it is user's. */
static enum reason rewrite_entry(struct span e, const char *user,
				 struct span *path, bool *mine)
{
	const char *colon = memchr(e.p, ':', e.len);
	size_t name_len;

	if (colon == NULL || colon == e.p)
		return R_CONFIG_MALFORMED;
	name_len = (size_t)(colon - e.p);
	path->p = colon + 1;
	path->len = e.len - name_len - 1;
	if (!path_is_clean(*path))
		return R_CONFIG_MALFORMED;
	*mine = strlen(user) == name_len && memcmp(e.p, user, name_len) == 0;
	return R_NONE;
}

/*
 * The path of the first line for user, or {NULL, 0}, and its line number
 * in *hit_line; on R_CONFIG_MALFORMED *n is the bad line.
 */
static enum reason rewrite_scan(const char *text, size_t len, const char *user,
				struct span *hit, size_t *hit_line, size_t *n)
{
	size_t pos = 0;
	struct span e, path;
	enum acl_line kind;
	bool mine;

	hit->p = NULL;
	hit->len = 0;
	*hit_line = *n = 0;
	/* Read to the end: a file broken anywhere decides nothing. */
	while ((kind = acl_next_entry(text, len, &pos, &e)) != ACL_LINE_END) {
		++*n;
		if (kind == ACL_LINE_BLANK)
			continue;
		if (kind != ACL_LINE_ENTRY ||
		    rewrite_entry(e, user, &path, &mine) != R_NONE)
			return R_CONFIG_MALFORMED;
		if (mine && hit->p == NULL) {
			*hit = path;
			*hit_line = *n;
		}
	}
	return R_NONE;
}

enum reason rewrite_lookup(const char *text, size_t len, const char *user,
			   char *out, size_t cap, bool *found,
			   size_t *bad_line)
{
	struct span hit;
	size_t hit_line, n;

	if (bad_line != NULL)
		*bad_line = 0;
	if (found != NULL)
		*found = false;
	if (out == NULL || cap == 0 || found == NULL)
		return R_INTERNAL;
	out[0] = '\0';
	if (user == NULL || user[0] == '\0' || strchr(user, ':') != NULL ||
	    (text == NULL && len > 0))
		return R_INTERNAL;
	if (rewrite_scan(text, len, user, &hit, &hit_line, &n) != R_NONE) {
		if (bad_line != NULL)
			*bad_line = n;
		return R_CONFIG_MALFORMED;
	}
	if (hit.p == NULL)
		return R_NONE;
	if (hit.len >= cap) {
		if (bad_line != NULL)
			*bad_line = hit_line;
		return R_CONFIG_MALFORMED;
	}
	memcpy(out, hit.p, hit.len);
	out[hit.len] = '\0';
	*found = true;
	return R_NONE;
}
