/*
 * Helpers shared by the libFuzzer targets: cutting the input into
 * NUL-terminated fields, and invariant checks that abort (so libFuzzer
 * saves the input as a crash) with a message naming the broken rule.
 */
#ifndef CGIWRAP_FUZZ_H
#define CGIWRAP_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An invariant: on failure, say which and abort (libFuzzer keeps the input). */
#define FUZZ_CHECK(cond)                                                  \
	do {                                                              \
		if (!(cond)) {                                            \
			fprintf(stderr, "%s:%d: invariant failed: %s\n",  \
				__FILE__, __LINE__, #cond);               \
			abort();                                          \
		}                                                         \
	} while (0)

/* The input as a reader: fields are taken from the front. */
struct fuzz_in {
	const uint8_t *p;
	size_t len;
};

/* One byte from the front (0 when the input is used up). */
static inline uint8_t fuzz_byte(struct fuzz_in *in)
{
	uint8_t b;

	if (in->len == 0)
		return 0;
	b = in->p[0];
	in->p++;
	in->len--;
	return b;
}

/*
 * The bytes up to the next sep (not included; sep consumed), or all that is
 * left, as a malloc'd NUL-terminated string; *n gets its length (the
 * string may hold NULs when sep is not NUL).  Never NULL.
 */
static inline char *fuzz_field(struct fuzz_in *in, uint8_t sep, size_t *n)
{
	const uint8_t *end = memchr(in->p, sep, in->len);
	size_t len = end != NULL ? (size_t)(end - in->p) : in->len;
	char *s = malloc(len + 1);

	if (s == NULL)
		abort();
	if (len > 0)
		memcpy(s, in->p, len);
	s[len] = '\0';
	in->p += len;
	in->len -= len;
	if (end != NULL) {
		in->p++;
		in->len--;
	}
	if (n != NULL)
		*n = len;
	return s;
}

/* The same, as a C string: it ends at its first NUL, as an env value would. */
static inline char *fuzz_str(struct fuzz_in *in, uint8_t sep)
{
	return fuzz_field(in, sep, NULL);
}

/* The rest of the input as a malloc'd copy (exact size: ASan sees overreads). */
static inline char *fuzz_rest(struct fuzz_in *in, size_t *n)
{
	char *s = malloc(in->len > 0 ? in->len : 1);

	if (s == NULL)
		abort();
	if (in->len > 0)
		memcpy(s, in->p, in->len);
	*n = in->len;
	in->p += in->len;
	in->len = 0;
	return s;
}

/* Whether p[0..n) lies inside [base, base + blen]. */
static inline bool fuzz_within(const char *p, size_t n, const char *base,
			       size_t blen)
{
	return p >= base && p <= base + blen && n <= (size_t)(base + blen - p);
}

/* Whether s[0..n) holds byte c. */
static inline bool fuzz_has(const char *s, size_t n, char c)
{
	return memchr(s, c, n) != NULL;
}

#endif
