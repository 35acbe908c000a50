/*
 * A tiny exec helper for the root test suites: process states a shell
 * cannot set up before running the wrapper.
 *
 *   cwtexec argc0 PATH            execve(PATH, {NULL}, {GATEWAY_INTERFACE=CGI/1.1,
 *                                 PATH_INFO=/x/y}): argc == 0 (PwnKit, A2)
 *   cwtexec block PROG [ARG...]   block every signal, then execvp PROG
 *   cwtexec envv PATH ARG0 [ENTRY...]
 *                                 execve(PATH, {ARG0}, {ENTRY...}): the
 *                                 entries verbatim, duplicates, entries
 *                                 without '=' and empty names included (A2-A4)
 *   cwtexec pending SIG PROG [ARG...]
 *                                 block signal SIG, raise it (it stays
 *                                 pending through exec), then execvp (A14)
 *   cwtexec itimer SECONDS PROG [ARG...]
 *                                 arm ITIMER_REAL, ITIMER_VIRTUAL and
 *                                 ITIMER_PROF (they survive exec), then execvp
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <limits.h>
#include <unistd.h>

/* execve with ARG0 alone as argv and the remaining words as envp. */
static int exec_envv(int argc, char **argv)
{
	char *args[] = { argv[3], NULL };
	char **env = calloc((size_t)argc, sizeof(char *));
	int n = 0;

	if (env == NULL)
		return 127;
	for (int i = 4; i < argc; i++)
		env[n++] = argv[i];
	env[n] = NULL;
	execve(argv[2], args, env);
	perror("cwtexec: execve");
	return 127;
}

/* A small decimal number (a signal, seconds), or -1. */
static int small_number(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	return *s != '\0' && *end == '\0' && v >= 0 && v <= INT_MAX ? (int)v : -1;
}

static int exec_pending(char **argv)
{
	sigset_t one;
	int sig = small_number(argv[2]);

	if (sig <= 0 || sig >= NSIG)
		return 2;
	sigemptyset(&one);
	sigaddset(&one, sig);
	sigprocmask(SIG_BLOCK, &one, NULL);
	raise(sig);
	execvp(argv[3], argv + 3);
	perror("cwtexec: execvp");
	return 127;
}

static int exec_itimer(char **argv)
{
	struct itimerval it = { { 0, 0 }, { small_number(argv[2]), 0 } };

	if (it.it_value.tv_sec <= 0 || setitimer(ITIMER_REAL, &it, NULL) != 0 ||
	    setitimer(ITIMER_VIRTUAL, &it, NULL) != 0 ||
	    setitimer(ITIMER_PROF, &it, NULL) != 0) {
		perror("cwtexec: setitimer");
		return 127;
	}
	execvp(argv[3], argv + 3);
	perror("cwtexec: execvp");
	return 127;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "argc0") == 0) {
		char *none[] = { NULL };
		char *env[] = { "GATEWAY_INTERFACE=CGI/1.1", "PATH_INFO=/x/y",
				NULL };

		execve(argv[2], none, env);
		perror("cwtexec: execve");
		return 127;
	}
	if (argc >= 3 && strcmp(argv[1], "block") == 0) {
		sigset_t all;

		sigfillset(&all);
		sigprocmask(SIG_SETMASK, &all, NULL);
		execvp(argv[2], argv + 2);
		perror("cwtexec: execvp");
		return 127;
	}
	if (argc >= 4 && strcmp(argv[1], "envv") == 0)
		return exec_envv(argc, argv);
	if (argc >= 4 && strcmp(argv[1], "pending") == 0)
		return exec_pending(argv);
	if (argc >= 4 && strcmp(argv[1], "itimer") == 0)
		return exec_itimer(argv);
	fprintf(stderr, "usage: cwtexec argc0 PATH | block PROG [ARG...] | "
		"envv PATH ARG0 [ENTRY...] | pending SIG PROG [ARG...] | "
		"itimer SECONDS PROG [ARG...]\n");
	return 2;
}
