/*
 * Fuzz target: vhost names (vhost_name) and the access file path built
 * from them (vhost_path).
 *
 * Input: a flag byte (bit 0: override on, bit 1: CGIWRAP_AUTH_VHOST unset,
 * bit 2: HTTP_HOST unset), a byte for the path cap, then
 * CGIWRAP_AUTH_VHOST, HTTP_HOST and the directory, each up to '\n' (and
 * its first NUL); the rest is a raw name given to vhost_path directly.
 */
#include "fuzz.h"
#include "vhost.h"

static bool ref_char_ok(char c)
{
	return strchr("abcdefghijklmnopqrstuvwxyz0123456789.-_:[]", c) != NULL &&
	       c != '\0';
}

static bool ref_name_ok(const char *s)
{
	size_t n = strlen(s), i;

	if (n == 0 || n > VHOST_MAX_NAME || s[0] == '.')
		return false;
	for (i = 0; i < n; i++)
		if (!ref_char_ok(s[i]))
			return false;
	return true;
}

static void check_name(const char *ov, bool on, const char *host,
		       char out[VHOST_MAX_NAME + 1])
{
	const char *v = on && ov != NULL && ov[0] != '\0' ? ov : host;
	enum reason r = vhost_name(ov, on, host, out);
	char low[VHOST_MAX_NAME + 1];
	size_t n, i;

	if (v == NULL || v[0] == '\0') {
		FUZZ_CHECK(r == R_NO_VHOST && out[0] == '\0');
		return;
	}
	n = strlen(v);
	if (n > VHOST_MAX_NAME) {
		FUZZ_CHECK(r == R_BAD_VHOST && out[0] == '\0');
		return;
	}
	for (i = 0; i <= n; i++)
		low[i] = v[i] >= 'A' && v[i] <= 'Z' ? (char)(v[i] + 32) : v[i];
	if (!ref_name_ok(low)) {
		FUZZ_CHECK(r == R_BAD_VHOST && out[0] == '\0');
		return;
	}
	FUZZ_CHECK(r == R_NONE && strcmp(out, low) == 0);
	/* What a file name opened as root needs, restated. */
	FUZZ_CHECK(strchr(out, '/') == NULL && out[0] != '.');
}

static void check_path(const char *dir, const char *name, size_t cap)
{
	char *out = malloc(cap > 0 ? cap : 1);
	enum reason r;
	size_t dlen;

	if (out == NULL)
		abort();
	out[0] = 'x';
	r = vhost_path(dir, name, out, cap);
	if (cap == 0) {
		FUZZ_CHECK(r == R_INTERNAL && out[0] == 'x');
		free(out);
		return;
	}
	if (r != R_NONE)
		FUZZ_CHECK(out[0] == '\0');
	if (dir[0] != '/') {
		FUZZ_CHECK(r == R_INTERNAL);
	} else if (!ref_name_ok(name)) {
		FUZZ_CHECK(r == R_BAD_VHOST);
	} else {
		dlen = strlen(dir);
		size_t want = dlen + (dir[dlen - 1] != '/') + strlen(name);

		FUZZ_CHECK(want < cap ? r == R_NONE : r == R_INTERNAL);
	}
	if (r == R_NONE) {
		const char *last = strrchr(out, '/');

		FUZZ_CHECK(strlen(out) < cap && last != NULL);
		FUZZ_CHECK(strcmp(last + 1, name) == 0);
		FUZZ_CHECK(strncmp(out, dir, (size_t)(last - out)) == 0);
	}
	free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	uint8_t flags = fuzz_byte(&in);
	size_t cap = fuzz_byte(&in);
	char *ov = fuzz_str(&in, '\n');
	char *host = fuzz_str(&in, '\n');
	char *dir = fuzz_str(&in, '\n');
	char *raw = fuzz_str(&in, '\0');
	char name[VHOST_MAX_NAME + 1];

	check_name((flags & 2) ? NULL : ov, flags & 1, (flags & 4) ? NULL : host,
		   name);
	if (name[0] != '\0') {
		check_path(dir, name, cap);
		check_path(dir, name, 4096);
	}
	check_path(dir, raw, cap);
	FUZZ_CHECK(vhost_path(NULL, "a", name, sizeof(name)) == R_INTERNAL);
	FUZZ_CHECK(vhost_path("/d", NULL, name, sizeof(name)) == R_INTERNAL);
	free(ov);
	free(host);
	free(dir);
	free(raw);
	return 0;
}
