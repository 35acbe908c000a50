/*
 * The positive control of the core-dump case of
 * tests/integration/adversarial.sh (security.md A15): installed setuid root,
 * it waits without doing what the wrapper does (no RLIMIT_CORE 0, no
 * PR_SET_DUMPABLE 0), so with fs.suid_dumpable=2 a SIGSEGV leaves a core.
 * That shows the test's setup can see a core where the wrapper must leave
 * none.
 */
#include <unistd.h>

int main(void)
{
	sleep(30);
	return 0;
}
