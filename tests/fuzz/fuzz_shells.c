/*
 * Fuzz target: the /etc/shells check (user_check_shell), against an
 * independent reading of the line rules of spec 7.2: a line over 4096
 * bytes (CR LF not counted) or with a control byte other than tab makes
 * the file malformed and names that line; blanks around a line are
 * ignored, blank and '#' lines skipped, '#' after a blank starts a
 * comment, and any other second word is malformed.  Otherwise the shell
 * must equal a line's one word.
 *
 * Input: the shell up to the first '\n' (ends at a NUL), then the text.
 */
#include "fuzz.h"
#include "reason.h"
#include "user.h"

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static enum reason ref_check(const char *text, size_t len, const char *shell,
			     size_t *bad)
{
	size_t start = 0, slen = strlen(shell), line = 0;
	bool found = false;

	*bad = 0;
	while (start < len) {
		const char *nl = memchr(text + start, '\n', len - start);
		size_t end = nl != NULL ? (size_t)(nl - text) : len;
		size_t a = start, b = end, w, i;

		line++;
		if (nl != NULL && b > a && text[b - 1] == '\r')
			b--;
		for (i = a; i < b; i++) {
			unsigned char c = (unsigned char)text[i];

			if ((c < 0x20 && c != '\t') || c == 0x7f)
				break;
		}
		if (b - a > 4096 || i < b) {
			*bad = line;
			return R_CONFIG_MALFORMED;
		}
		while (a < b && is_blank(text[a]))
			a++;
		for (w = a; w < b && !is_blank(text[w]); w++)
			;
		for (i = w; i < b && is_blank(text[i]); i++)
			;
		if (a < b && text[a] != '#' && i < b && text[i] != '#') {
			*bad = line;
			return R_CONFIG_MALFORMED;
		}
		if (a < b && text[a] != '#' && w - a == slen &&
		    memcmp(text + a, shell, slen) == 0)
			found = true;
		start = end + 1;
	}
	return found && slen > 0 ? R_NONE : R_SHELL_NOT_ALLOWED;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	char *shell = fuzz_str(&in, '\n');
	size_t len, bad, ref_bad;
	char *text = fuzz_rest(&in, &len);
	enum reason got = user_check_shell(text, len, shell, &bad);

	FUZZ_CHECK(got == ref_check(text, len, shell, &ref_bad));
	FUZZ_CHECK(bad == ref_bad);
	if (got == R_NONE)
		FUZZ_CHECK(shell[0] != '\0' && len >= strlen(shell));
	/* A malformed file is malformed for every shell, the empty one too. */
	FUZZ_CHECK((user_check_shell(text, len, "", &bad) ==
		    R_CONFIG_MALFORMED) == (got == R_CONFIG_MALFORMED));
	FUZZ_CHECK(user_check_shell(text, len, NULL, &bad) != R_NONE);
	FUZZ_CHECK(user_check_shell(NULL, 0, shell, &bad) ==
		   R_SHELL_NOT_ALLOWED);
	free(shell);
	free(text);
	return 0;
}
