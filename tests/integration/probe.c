/*
 * The CGI probe of the root test suites: built with "gcc -static" (the jail
 * has no libraries for it and no /proc), installed into the target users'
 * cgi directories, run by the wrapper.  It reports the process state it was
 * handed as "key=value" lines, one per line, every byte outside printable
 * ASCII written as \xHH so one value can never split into two lines.
 *
 * CANARY_PATH (compile time): a file that exists on the host only.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <libgen.h>
#include <limits.h>
#include <linux/capability.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

#ifndef CANARY_PATH
#define CANARY_PATH "/srv/cgiwrap-test/canary-host"
#endif

extern char **environ;

static void put_escaped(const char *s)
{
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= 0x20 && c <= 0x7e && c != '\\')
			putchar(c);
		else
			printf("\\x%02x", c);
	}
}

static void kv(const char *key, const char *value)
{
	printf("%s=", key);
	put_escaped(value != NULL ? value : "(null)");
	putchar('\n');
}

static void report_argv(int argc, char **argv)
{
	char key[32];

	printf("argc=%d\n", argc);
	for (int i = 0; i < argc; i++) {
		snprintf(key, sizeof(key), "argv[%d]", i);
		kv(key, argv[i]);
	}
}

static void report_ids(void)
{
	uid_t ru, eu, su;
	gid_t rg, eg, sg, groups[NGROUPS_MAX];
	int n;

	if (getresuid(&ru, &eu, &su) == 0)
		printf("ruid=%lu\neuid=%lu\nsuid=%lu\n", (unsigned long)ru,
		       (unsigned long)eu, (unsigned long)su);
	if (getresgid(&rg, &eg, &sg) == 0)
		printf("rgid=%lu\negid=%lu\nsgid=%lu\n", (unsigned long)rg,
		       (unsigned long)eg, (unsigned long)sg);
	n = getgroups(NGROUPS_MAX, groups);
	printf("ngroups=%d\ngroups=", n);
	for (int i = 0; i < n; i++)
		printf("%s%lu", i ? "," : "", (unsigned long)groups[i]);
	putchar('\n');
}

static void report_env(void)
{
	int n = 0;

	for (char **e = environ; e != NULL && *e != NULL; e++, n++)
		kv("env", *e);
	printf("nenv=%d\n", n);
}

static void report_caps(void)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2];
	int bounding = 0;

	memset(data, 0, sizeof(data));
	if (syscall(SYS_capget, &hdr, data) == 0)
		printf("cap_eff=%08x%08x\ncap_prm=%08x%08x\ncap_inh=%08x%08x\n",
		       data[1].effective, data[0].effective, data[1].permitted,
		       data[0].permitted, data[1].inheritable,
		       data[0].inheritable);
	else
		printf("cap_error=%d\n", errno);
	for (int cap = 0; cap <= 40; cap++)
		if (prctl(PR_CAPBSET_READ, cap, 0, 0, 0) == 1)
			bounding++;
	printf("bounding_count=%d\nbounding_nonempty=%d\n", bounding,
	       bounding > 0);
	printf("no_new_privs=%d\n", prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
}

static void report_signals(void)
{
	sigset_t mask;
	struct sigaction sa;
	const char *sep = "";

	printf("sig_blocked=");
	if (sigprocmask(SIG_SETMASK, NULL, &mask) == 0)
		for (int s = 1; s <= 64; s++)
			if (sigismember(&mask, s) == 1) {
				printf("%s%d", sep, s);
				sep = ",";
			}
	printf("\nsig_ignored=");
	sep = "";
	for (int s = 1; s <= 64; s++)
		if (sigaction(s, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN) {
			printf("%s%d", sep, s);
			sep = ",";
		}
	putchar('\n');
}

static void report_fds(void)
{
	const char *sep = "";

	printf("fds=");
	for (int fd = 0; fd < 1024; fd++)
		if (fcntl(fd, F_GETFD) != -1) {
			printf("%s%d", sep, fd);
			sep = ",";
		}
	putchar('\n');
}

static void report_limit(const char *name, int resource)
{
	struct rlimit rl;

	if (getrlimit(resource, &rl) != 0)
		return;
	printf("rlimit_%s=", name);
	if (rl.rlim_cur == RLIM_INFINITY)
		printf("unlimited:");
	else
		printf("%llu:", (unsigned long long)rl.rlim_cur);
	if (rl.rlim_max == RLIM_INFINITY)
		printf("unlimited\n");
	else
		printf("%llu\n", (unsigned long long)rl.rlim_max);
}

static void report_process(const char *argv0)
{
	char cwd[PATH_MAX], self[PATH_MAX];
	struct stat sb;
	mode_t old = umask(022);

	umask(old);
	printf("umask=%04o\n", (unsigned int)old);
	kv("cwd", getcwd(cwd, sizeof(cwd)));
	printf("pid=%ld\nsid=%ld\nsession_leader=%d\n", (long)getpid(),
	       (long)getsid(0), getsid(0) == getpid());
	printf("nice=%d\n", getpriority(PRIO_PROCESS, 0));
	printf("canary_visible=%d\n", access(CANARY_PATH, F_OK) == 0);
	printf("root_dev_null=%d\n", access("/dev/null", F_OK) == 0);
	/* argv[0] may carry a prefix (the "/deeper/x.cgi" quirk): the cwd is
	 * the script's directory, so its basename names it there. */
	snprintf(self, sizeof(self), "%s", argv0);
	if (stat(basename(self), &sb) == 0)
		printf("self_ino=%lu\n", (unsigned long)sb.st_ino);
	report_limit("core", RLIMIT_CORE);
	report_limit("cpu", RLIMIT_CPU);
	report_limit("nofile", RLIMIT_NOFILE);
	report_limit("stack", RLIMIT_STACK);
	report_limit("fsize", RLIMIT_FSIZE);
	report_limit("nproc", RLIMIT_NPROC);
	/* Added for tests/integration/parity.sh (--with-rlimit-*). */
	report_limit("as", RLIMIT_AS);
	report_limit("data", RLIMIT_DATA);
	report_limit("rss", RLIMIT_RSS);
	report_limit("memlock", RLIMIT_MEMLOCK);
}

/*
 * Added for tests/integration/adversarial.sh (A14, A21): signals still
 * pending, interval timers still armed, and whether a byte can be pushed
 * into the input queue of the terminal on stdin (TIOCSTI).  PROBE_TAG
 * (compile time) names a variant, e.g. the other user's file of a race.
 */
static void report_adversarial(void)
{
	static const struct { const char *name; int which; } timers[] = {
		{ "itimer_real", ITIMER_REAL },
		{ "itimer_virtual", ITIMER_VIRTUAL },
		{ "itimer_prof", ITIMER_PROF },
	};
	sigset_t pending;
	struct itimerval it;
	const char *sep = "";
	char c = '\n';

	printf("sig_pending=");
	if (sigpending(&pending) == 0)
		for (int s = 1; s <= 64; s++)
			if (sigismember(&pending, s) == 1) {
				printf("%s%d", sep, s);
				sep = ",";
			}
	putchar('\n');
	for (size_t i = 0; i < sizeof(timers) / sizeof(timers[0]); i++)
		if (getitimer(timers[i].which, &it) == 0)
			printf("%s=%ld.%06ld\n", timers[i].name,
			       (long)it.it_value.tv_sec,
			       (long)it.it_value.tv_usec);
	printf("stdin_tty=%d\n", isatty(STDIN_FILENO));
	if (ioctl(STDIN_FILENO, TIOCSTI, &c) == 0)
		puts("tiocsti=ok");
	else
		printf("tiocsti=%s\n", strerrorname_np(errno));
#ifdef PROBE_TAG
	kv("probe_tag", PROBE_TAG);
#endif
}

/* A POST body: exactly CONTENT_LENGTH bytes from stdin, at most 64 KiB. */
static void report_body(void)
{
	const char *cl = getenv("CONTENT_LENGTH");
	static char body[65536 + 1];
	size_t want, got = 0;
	char *end;

	if (cl == NULL || *cl == '\0')
		return;
	want = strtoul(cl, &end, 10);
	if (*end != '\0' || want > sizeof(body) - 1)
		want = sizeof(body) - 1;
	while (got < want) {
		ssize_t n = read(STDIN_FILENO, body + got, want - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	body[got] = '\0';
	printf("body_length=%zu\n", got);
	kv("body", body);
}

int main(int argc, char **argv)
{
	fputs("Content-Type: text/plain\n\n", stdout);
	puts("probe=1");
	report_argv(argc, argv);
	report_ids();
	report_process(argc > 0 ? argv[0] : "");
	report_caps();
	report_signals();
	report_adversarial();
	report_fds();
	report_env();
	report_body();
	puts("probe_end=1");
	return fflush(stdout) == 0 ? 0 : 1;
}
