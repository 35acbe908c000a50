/*
 * Fuzz target: the /etc/shells match (user_shell_listed), checked against
 * an independent reading of the rule in user.h: the shell must equal a
 * whole line (blanks around it ignored; blank and '#' lines skipped; CR LF
 * accepted), and a file with an over-long line or a control byte other
 * than tab lists nothing.
 *
 * Input: the shell up to the first '\n' (ends at a NUL), then the text.
 */
#include "fuzz.h"
#include "user.h"

static bool ref_listed(const char *text, size_t len, const char *shell)
{
	size_t start = 0, slen = strlen(shell);
	bool found = false;

	if (slen == 0)
		return false;
	while (start < len) {
		const char *nl = memchr(text + start, '\n', len - start);
		size_t end = nl != NULL ? (size_t)(nl - text) : len;
		size_t a = start, b = end, i;

		if (nl != NULL && b > a && text[b - 1] == '\r')
			b--;
		if (b - a > 4096)
			return false;
		for (i = a; i < b; i++) {
			unsigned char c = (unsigned char)text[i];

			if ((c < 0x20 && c != '\t') || c == 0x7f)
				return false;
		}
		while (a < b && (text[a] == ' ' || text[a] == '\t'))
			a++;
		while (b > a && (text[b - 1] == ' ' || text[b - 1] == '\t'))
			b--;
		if (b > a && text[a] != '#' && b - a == slen &&
		    memcmp(text + a, shell, slen) == 0)
			found = true;
		start = end + 1;
	}
	return found;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	char *shell = fuzz_str(&in, '\n');
	size_t len;
	char *text = fuzz_rest(&in, &len);
	bool got = user_shell_listed(text, len, shell);

	FUZZ_CHECK(got == ref_listed(text, len, shell));
	if (got)
		FUZZ_CHECK(shell[0] != '\0' && len >= strlen(shell));
	FUZZ_CHECK(!user_shell_listed(text, len, ""));
	FUZZ_CHECK(!user_shell_listed(NULL, len, shell));
	FUZZ_CHECK(!user_shell_listed(text, len, NULL));
	free(shell);
	free(text);
	return 0;
}
