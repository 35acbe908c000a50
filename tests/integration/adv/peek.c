/*
 * Run as the caller by tests/integration/adversarial.sh (security.md A15,
 * A16): what the web server's user can get out of process PID.  One line
 * each, "ok" or the errno name:
 *   environ=  open+read /proc/PID/environ
 *   mem=      open /proc/PID/mem and read a page at the stack address
 *   ptrace=   PTRACE_ATTACH (detached again if it worked)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *read_proc(const char *pid, const char *what)
{
	char path[64], buf[256];
	int fd;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%s/%s", pid, what);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return strerrorname_np(errno);
	n = read(fd, buf, sizeof(buf));
	close(fd);
	/* /proc/PID/mem at offset 0 is unmapped: EIO means the open got past
	 * the access check, so it counts as a read. */
	if (n < 0 && !(errno == EIO && strcmp(what, "mem") == 0))
		return strerrorname_np(errno);
	return "ok";
}

int main(int argc, char **argv)
{
	pid_t pid;
	char *end;

	if (argc != 2 || (pid = (pid_t)strtol(argv[1], &end, 10)) <= 0 ||
	    *end != '\0') {
		fprintf(stderr, "usage: peek PID\n");
		return 2;
	}
	printf("environ=%s\n", read_proc(argv[1], "environ"));
	printf("mem=%s\n", read_proc(argv[1], "mem"));
	if (ptrace(PTRACE_ATTACH, pid, NULL, NULL) == 0) {
		waitpid(pid, NULL, __WALL);
		ptrace(PTRACE_DETACH, pid, NULL, NULL);
		puts("ptrace=ok");
	} else {
		printf("ptrace=%s\n", strerrorname_np(errno));
	}
	return 0;
}
