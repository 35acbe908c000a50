/*
 * The race harness of tests/integration/adversarial.sh (security.md A10,
 * A14): run the wrapper as the web server's user many times while the
 * entries DIR/A and DIR/B are exchanged (renameat2 RENAME_EXCHANGE, so the
 * name always exists).  B is the attacker's: a symlink, or another user's
 * file or directory.  Bounded by RUNS and SECONDS, whichever comes first.
 *
 *   race swap|stop RUNS SECONDS EVIDENCE DIR A B UID WEBUID WEBGID WRAPPER [ENV...]
 *   race xchg DIR A B      one exchange (to put things back afterwards)
 *
 * swap: a child exchanges the two entries as fast as it can the whole time.
 * stop: no background swapper; each run is stopped (SIGSTOP) after a random
 *       delay, the entries are exchanged while it is stopped, and it is
 *       continued (SIGCONT) after another random delay.
 *
 * Each run's stdout is classified: "ran" (probe_end=1), "refused" (a
 * Status: line and no probe output), "other".  A run that ran with an euid
 * other than UID is "wrong_uid"; one whose output names probe_tag (the
 * attacker's variant of the probe) is "wrong_file".  The first offending
 * output goes to EVIDENCE.  One summary line on stdout:
 *   runs=N ran=N refused=N other=N wrong_uid=N wrong_file=N swaps=N stops=N
 * (swaps and stops are counted in stop mode only).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define OUT_MAX (256 * 1024)

struct count {
	long runs, ran, refused, other, wrong_uid, wrong_file, swaps, stops;
};

static char out[OUT_MAX + 1];
static const char *evidence;
static bool evidence_written;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long number(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v < 0) {
		fprintf(stderr, "race: bad number %s\n", s);
		exit(2);
	}
	return v;
}

static bool exchange(int dirfd, const char *a, const char *b)
{
	return renameat2(dirfd, a, dirfd, b, RENAME_EXCHANGE) == 0;
}

/* The background swapper of "swap" mode; killed by the parent. */
static pid_t start_swapper(int dirfd, const char *a, const char *b)
{
	pid_t pid = fork();

	if (pid != 0)
		return pid;
	for (;;)
		if (!exchange(dirfd, a, b)) {
			perror("race: renameat2");
			_exit(3);
		}
}

/* Start the wrapper as the web user, stdout into *fd. */
static pid_t start_wrapper(char *wrapper, char **env, uid_t web, gid_t webg,
			   int *fd)
{
	int p[2];
	pid_t pid;

	if (pipe2(p, O_CLOEXEC) != 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		char *args[] = { wrapper, NULL };
		int null = open("/dev/null", O_RDWR);

		dup2(null, 0);
		dup2(p[1], 1);
		dup2(null, 2);
		if (setgroups(0, NULL) != 0 || setresgid(webg, webg, webg) != 0 ||
		    setresuid(web, web, web) != 0)
			_exit(126);
		execve(wrapper, args, env);
		_exit(127);
	}
	close(p[1]);
	*fd = p[0];
	return pid;
}

static size_t read_all(int fd)
{
	size_t got = 0;

	for (;;) {
		ssize_t n = read(fd, out + got, OUT_MAX - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
		if (got == OUT_MAX)
			break;
	}
	out[got] = '\0';
	close(fd);
	return got;
}

static void keep_evidence(const char *why)
{
	FILE *f;

	if (evidence_written || (f = fopen(evidence, "w")) == NULL)
		return;
	fprintf(f, "%s\n%s", why, out);
	fclose(f);
	evidence_written = true;
}

static void classify(struct count *c, uid_t target)
{
	char want[64];
	const char *euid = strstr(out, "\neuid=");

	c->runs++;
	if (strstr(out, "\nprobe_tag=") != NULL) {
		c->wrong_file++;
		keep_evidence("wrong_file: the attacker's file ran");
	}
	if (strstr(out, "\nprobe_end=1") == NULL) {
		if (strncmp(out, "Status: ", 8) == 0)
			c->refused++;
		else
			c->other++;
		return;
	}
	c->ran++;
	snprintf(want, sizeof(want), "\neuid=%lu\n", (unsigned long)target);
	if (euid == NULL || strncmp(euid, want, strlen(want)) != 0) {
		c->wrong_uid++;
		keep_evidence("wrong_uid");
	}
}

static void pause_us(long max_us)
{
	struct timespec ts = { 0, (random() % (max_us + 1)) * 1000 };

	nanosleep(&ts, NULL);
}

/* One run of "stop" mode: stop, exchange, continue. */
static void stopped_swap(struct count *c, pid_t pid, int dirfd, const char *a,
			 const char *b)
{
	int status;

	pause_us(1500);
	if (kill(pid, SIGSTOP) != 0)
		return;
	if (waitpid(pid, &status, WUNTRACED) != pid)
		return;
	if (!WIFSTOPPED(status))
		return;	/* it ended before the stop (reaped here) */
	c->stops++;
	if (exchange(dirfd, a, b))
		c->swaps++;
	pause_us(300);
	kill(pid, SIGCONT);
}

int main(int argc, char **argv)
{
	struct count c = { 0 };
	bool stop;
	long runs, seconds;
	uid_t target, web;
	gid_t webg;
	int dirfd;
	pid_t swapper = -1;
	double end;

	if (argc == 5 && strcmp(argv[1], "xchg") == 0) {
		dirfd = open(argv[2], O_PATH | O_DIRECTORY | O_CLOEXEC);
		return dirfd >= 0 && exchange(dirfd, argv[3], argv[4]) ? 0 : 1;
	}
	if (argc < 12) {
		fprintf(stderr, "usage: race swap|stop RUNS SECONDS EVIDENCE DIR A B UID WEBUID WEBGID WRAPPER [ENV...]\n");
		return 2;
	}
	stop = strcmp(argv[1], "stop") == 0;
	runs = number(argv[2]);
	seconds = number(argv[3]);
	evidence = argv[4];
	target = (uid_t)number(argv[8]);
	web = (uid_t)number(argv[9]);
	webg = (gid_t)number(argv[10]);
	dirfd = open(argv[5], O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0) {
		perror("race: open DIR");
		return 2;
	}
	srandom((unsigned int)getpid());
	if (!stop)
		swapper = start_swapper(dirfd, argv[6], argv[7]);
	end = now() + (double)seconds;
	while (c.runs < runs && now() < end) {
		int fd, status;
		pid_t pid = start_wrapper(argv[11], argv + 12, web, webg, &fd);

		if (pid < 0)
			break;
		if (stop)
			stopped_swap(&c, pid, dirfd, argv[6], argv[7]);
		read_all(fd);
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		classify(&c, target);
	}
	if (swapper > 0) {
		kill(swapper, SIGKILL);
		waitpid(swapper, NULL, 0);
	}
	printf("runs=%ld ran=%ld refused=%ld other=%ld wrong_uid=%ld wrong_file=%ld swaps=%ld stops=%ld\n",
	       c.runs, c.ran, c.refused, c.other, c.wrong_uid, c.wrong_file,
	       c.swaps, c.stops);
	return 0;
}
