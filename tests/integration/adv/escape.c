/*
 * The chroot-escape probe of tests/integration/adversarial.sh (security.md
 * A7, A8): a static CGI that tries the classic ways out of a chroot as the
 * user it runs as, and reports each result as "key=value":
 *
 *   - climb: chdir("..") 64 times from the cwd, then look for the host
 *     canary relative to where it ended and absolutely;
 *   - the root: its inode before and after the climb, and its entries;
 *   - fds: fchdir to any inherited descriptor (a directory fd from outside);
 *   - chroot(".") and chroot("/tmp") (needs CAP_SYS_CHROOT: the nested
 *     chroot escape), open_by_handle_at (CAP_DAC_READ_SEARCH: "shocker");
 *   - /proc: /proc/self/cwd, /proc/1/root and /proc/<HTTP_X_PID>/root +
 *     the canary path (a same-uid process outside the jail, A8).
 *
 * CANARY_PATH (compile time): a file that exists on the host only.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef CANARY_PATH
#define CANARY_PATH "/srv/cgiwrap-test/canary-host"
#endif

static const char *err_name(int ok)
{
	return ok ? "ok" : strerrorname_np(errno);
}

/* "ok" and the first line of the file, or the errno name. */
static void try_read(const char *key, const char *path)
{
	char buf[128] = "";
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0) {
		printf("%s=%s\n", key, strerrorname_np(errno));
		return;
	}
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	printf("%s=ok:%s\n", key, buf);
}

static unsigned long ino_of(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 ? (unsigned long)sb.st_ino : 0;
}

static void list_root(const char *key)
{
	DIR *d = opendir("/");
	struct dirent *e;
	const char *sep = "";

	printf("%s=", key);
	while (d != NULL && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		printf("%s%s", sep, e->d_name);
		sep = ",";
	}
	putchar('\n');
	if (d != NULL)
		closedir(d);
}

static void climb(void)
{
	char cwd[PATH_MAX];
	int n = 0;

	for (int i = 0; i < 64; i++)
		n += chdir("..") == 0;
	printf("climb_chdirs=%d\n", n);
	printf("climb_cwd=%s\n", getcwd(cwd, sizeof(cwd)) ? cwd : "(error)");
	printf("climb_ino=%lu\n", ino_of("."));
	/* Relative to wherever the climb ended: the host's / if it got out. */
	try_read("climb_canary", CANARY_PATH + 1);
}

static void inherited_fds(void)
{
	int dirs = 0;

	for (int fd = 3; fd < 1024; fd++)
		if (fchdir(fd) == 0)
			dirs++;
	printf("fchdir_fds=%d\n", dirs);
}

static void privileged_tries(void)
{
	struct {
		struct file_handle fh;
		unsigned char space[MAX_HANDLE_SZ];
	} h;
	int mount_id, fd;

	printf("chroot_dot=%s\n", err_name(chroot(".") == 0));
	printf("chroot_tmp=%s\n", err_name(chroot("/tmp") == 0));
	h.fh.handle_bytes = MAX_HANDLE_SZ;
	if (name_to_handle_at(AT_FDCWD, "/", &h.fh, &mount_id, 0) != 0) {
		printf("open_by_handle=%s\n", strerrorname_np(errno));
		return;
	}
	fd = open_by_handle_at(AT_FDCWD, &h.fh, O_RDONLY);
	printf("open_by_handle=%s\n", err_name(fd >= 0));
	if (fd >= 0)
		close(fd);
}

static void proc_tries(void)
{
	const char *pid = getenv("HTTP_X_PID");
	char path[PATH_MAX];

	try_read("proc_self_cwd", "/proc/self/cwd/.");
	printf("proc_1_root=%s\n", err_name(access("/proc/1/root/", F_OK) == 0));
	if (pid != NULL && strspn(pid, "0123456789") == strlen(pid) &&
	    pid[0] != '\0') {
		snprintf(path, sizeof(path), "/proc/%s/root%s", pid, CANARY_PATH);
		try_read("proc_pid_canary", path);
		snprintf(path, sizeof(path), "/proc/%s/cwd", pid);
		printf("proc_pid_cwd=%s\n", err_name(access(path, F_OK) == 0));
	}
}

int main(void)
{
	char cwd[PATH_MAX];

	fputs("Content-Type: text/plain\n\n", stdout);
	puts("escape=1");
	printf("start_cwd=%s\n", getcwd(cwd, sizeof(cwd)) ? cwd : "(error)");
	printf("root_ino=%lu\n", ino_of("/"));
	try_read("abs_canary", CANARY_PATH);
	list_root("root_entries");
	inherited_fds();
	privileged_tries();
	proc_tries();
	climb();
	printf("root_ino_after=%lu\n", ino_of("/"));
	list_root("root_entries_after");
	puts("escape_end=1");
	return fflush(stdout) == 0 ? 0 : 1;
}
