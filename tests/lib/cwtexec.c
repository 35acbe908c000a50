/*
 * A tiny exec helper for the root test suites: process states a shell
 * cannot set up before running the wrapper.
 *
 *   cwtexec argc0 PATH            execve(PATH, {NULL}, {GATEWAY_INTERFACE=CGI/1.1,
 *                                 PATH_INFO=/x/y}): argc == 0 (PwnKit, A2)
 *   cwtexec block PROG [ARG...]   block every signal, then execvp PROG
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

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
	fprintf(stderr, "usage: cwtexec argc0 PATH | block PROG [ARG...]\n");
	return 2;
}
