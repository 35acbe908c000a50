/* cgiwrap-jail: messages, path helpers, opening inside the jail. */
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jt.h"

bool jt_error(const char *fmt, ...)
{
	va_list ap;
	int saved = errno;

	fflush(stdout);
	fputs("cgiwrap-jail: ", stderr);
	va_start(ap, fmt);
	errno = saved;
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return false;
}

void jt_say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static bool is_dot_or_dotdot(const char *c, size_t n)
{
	return (n == 1 && c[0] == '.') || (n == 2 && c[0] == '.' && c[1] == '.');
}

bool jt_path_clean(const char *path)
{
	const char *p = path;

	if (path[0] != '/' || strlen(path) >= PATH_MAX)
		return false;
	for (const char *c = path; *c != '\0'; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			return false;
	if (path[1] == '\0')
		return true;
	while (*p == '/') {
		size_t n = strcspn(p + 1, "/");

		if (n == 0 || is_dot_or_dotdot(p + 1, n))
			return false;
		p += 1 + n;
	}
	return true;
}

bool jt_copy(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);

	if (n >= cap)
		return false;
	memcpy(dst, src, n + 1);
	return true;
}

bool jt_join(char *dst, size_t cap, const char *a, const char *b)
{
	int n = snprintf(dst, cap, "%s%s%s", a,
			 (b[0] == '/' || a[0] == '\0') ? "" : "/", b);

	return n >= 0 && (size_t)n < cap;
}

bool jt_path_within(const char *path, const char *top)
{
	size_t n = strlen(top);

	/* "/" holds everything; otherwise no raw prefix test (STYLE 5). */
	if (strcmp(top, "/") == 0)
		return path[0] == '/';
	return strncmp(path, top, n) == 0 &&
	       (path[n] == '\0' || path[n] == '/');
}

bool jt_open_jail(struct jt *jt)
{
	char comp[NAME_MAX + 1];
	const char *p = jt->jail;
	int fd = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);

	while (fd >= 0) {
		size_t n;
		int next;

		while (*p == '/')
			p++;
		if (*p == '\0') {
			jt->jail_fd = fd;
			return true;
		}
		n = strcspn(p, "/");
		if (n > NAME_MAX)
			break;
		memcpy(comp, p, n);
		comp[n] = '\0';
		p += n;
		next = openat(fd, comp, O_PATH | O_DIRECTORY | O_NOFOLLOW |
						O_CLOEXEC);
		close(fd);
		fd = next;
	}
	return jt_error("%s: cannot open the jail (missing, or a symlink on "
			"the way): %m", jt->jail);
}

int jt_open_in(int root_fd, const char *path, int flags)
{
	struct open_how how = {
		.flags = (__u64)(unsigned int)(flags | O_CLOEXEC),
		.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
	};

	if (root_fd < 0)
		return open(path, flags | O_CLOEXEC);
	return (int)syscall(SYS_openat2, root_fd, path, &how, sizeof(how));
}

static void child_exec(const char *const argv[], int out)
{
	static char *const env[] = { "PATH=/usr/bin:/bin", "LC_ALL=C", NULL };
	int null = open("/dev/null", O_RDONLY | O_CLOEXEC);

	if (null < 0 || dup2(null, STDIN_FILENO) < 0 ||
	    dup2(out, STDOUT_FILENO) < 0)
		_exit(127);
	execve(argv[0], (char *const *)(uintptr_t)argv, env);
	_exit(127);
}

bool jt_capture(const char *const argv[], char *out, size_t cap)
{
	int fds[2], status;
	size_t len = 0;
	bool truncated = false;
	ssize_t n;
	pid_t pid;

	fflush(stdout);
	if (cap == 0 || pipe2(fds, O_CLOEXEC) != 0)
		return false;
	pid = fork();
	if (pid == 0)
		child_exec(argv, fds[1]);
	close(fds[1]);
	while (pid > 0) {
		char scratch[512];
		bool full = len + 1 >= cap;

		/* Past cap the output is drained (the child must not block). */
		n = full ? read(fds[0], scratch, sizeof(scratch))
			 : read(fds[0], out + len, cap - 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		truncated = truncated || full;
		if (!full)
			len += (size_t)n;
	}
	out[len] = '\0';
	close(fds[0]);
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return false;
	return !truncated && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}
