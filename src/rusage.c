/* The rusage parent (spec 8): it logs after the child, as the caller. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fail.h"
#include "log.h"
#include "priv.h"
#include "rusage.h"

static void seconds(char *buf, size_t cap, long long sec, long long usec)
{
	/* 32 bytes hold any pair of long long values; never cut in practice. */
	if (snprintf(buf, cap, "%lld.%06lld", sec, usec) < 0)
		buf[0] = '\0';
}

static bool log_child(struct state *st, int status, const struct rusage *ru,
		      const struct timespec *t0)
{
	struct log_record rec;
	struct timespec t1;
	char wall[32], ut[32], stime[32];
	long long ns;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	ns = (long long)(t1.tv_sec - t0->tv_sec) * 1000000000LL +
	     (t1.tv_nsec - t0->tv_nsec);
	seconds(wall, sizeof(wall), ns / 1000000000LL, (ns % 1000000000LL) / 1000);
	seconds(ut, sizeof(ut), (long long)ru->ru_utime.tv_sec,
		(long long)ru->ru_utime.tv_usec);
	seconds(stime, sizeof(stime), (long long)ru->ru_stime.tv_sec,
		(long long)ru->ru_stime.tv_usec);
	log_fill(st, &rec);
	rec.pid = (long)st->child;
	rec.decision = "allow";
	if (WIFSIGNALED(status))
		rec.signal = WTERMSIG(status);
	else
		rec.exit_status = WEXITSTATUS(status);
	rec.wall = wall;
	rec.utime = ut;
	rec.stime = stime;
	return log_write(st, &rec);
}

__attribute__((noreturn))
static void parent(struct state *st, int rfd, const struct timespec *t0)
{
	static char msg[TARGET_MAX_PATH + 16];
	struct rusage ru;
	size_t got = 0, rel_len, warn_len;
	bool refused;
	int status;
	ssize_t n;

	/* Never the target: the caller already shares our real uid. */
	if (priv_become_caller() != R_NONE) {
		kill(st->child, SIGKILL);
		(void)waitpid(st->child, NULL, 0);
		_exit(reason_exit_code(R_PRIVILEGE_DROP_FAILED));
	}
	/* "A<script>\0" when the child is about to exec; "R" when it refused. */
	while (got < sizeof(msg) - 1) {
		n = read(rfd, msg + got, sizeof(msg) - 1 - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	msg[got] = '\0';
	/* "A<script>\0<warn>\0", then "R" if the exec failed after all. */
	rel_len = got > 0 ? strlen(msg + 1) : 0;
	warn_len = got > rel_len + 2 ? strlen(msg + rel_len + 2) : 0;
	refused = got == 0 || msg[0] != 'A' || got != rel_len + warn_len + 3;
	while (wait4(st->child, &status, 0, &ru) < 0)
		if (errno != EINTR)
			_exit(reason_exit_code(R_INTERNAL));
	st->rel_script = msg + 1;
	if (warn_len > 0)
		st->warn = msg + rel_len + 2;
	/* The script ran: a log that cannot take its line is still an error. */
	if (!refused && !log_child(st, status, &ru, t0))
		_exit(reason_exit_code(R_LOG_FAILED));
	if (WIFSIGNALED(status))
		_exit(128 + WTERMSIG(status));
	_exit(WEXITSTATUS(status));
}

void rusage_fork(struct state *st)
{
	struct timespec t0;
	int fds[2];
	pid_t pid;

	if (!st->policy->report_rusage)
		return;
	/* A caller's SIG_IGN for SIGCHLD would make wait4 fail with ECHILD. */
	(void)signal(SIGCHLD, SIG_DFL);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (pipe2(fds, O_CLOEXEC) != 0)
		fail(st, R_INTERNAL, "pipe: %m");
	pid = fork();
	if (pid < 0)
		fail(st, R_INTERNAL, "fork: %m");
	if (pid > 0) {
		close(fds[1]);
		st->child = pid;
		parent(st, fds[0], &t0);
	}
	close(fds[0]);
	st->rusage_fd = fds[1];
}

void rusage_child_allowed(struct state *st)
{
	const char *warn = st->warn != NULL ? st->warn : "";
	size_t n = strlen(st->rel_script) + 1, w = strlen(warn) + 1;

	if (st->rusage_fd < 0)
		return;
	if (write(st->rusage_fd, "A", 1) != 1 ||
	    write(st->rusage_fd, st->rel_script, n) != (ssize_t)n ||
	    write(st->rusage_fd, warn, w) != (ssize_t)w)
		fail(st, R_INTERNAL, "rusage pipe: %m");
}

void rusage_child_refused(struct state *st)
{
	/* If even this fails the parent adds an allow line: noisy, not unsafe. */
	if (st->rusage_fd >= 0 && write(st->rusage_fd, "x", 1) != 1)
		st->rusage_fd = -1;
}
