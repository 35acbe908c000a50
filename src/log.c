/* Logging: the file is opened only for the verified caller (spec 10). */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

static char line[MSG_MAX_LINE];

void log_open_syslog(struct state *st)
{
	/* With neither logging option every build still logs somewhere. */
	st->syslog_on = st->policy->syslog_label != NULL ||
			st->policy->logging_file == NULL;
	if (st->syslog_on)
		openlog("cgiwrap", LOG_PID | LOG_NDELAY, LOG_DAEMON);
}

enum reason log_open_file(struct state *st)
{
	struct stat sb;
	int fd;

	if (st->policy->logging_file == NULL)
		return R_NONE;
	/*
	 * O_NOFOLLOW: a symlink planted at the log path must not make root
	 * append to another file; O_NONBLOCK: a FIFO must not hang us.
	 */
	fd = open(st->policy->logging_file, O_WRONLY | O_APPEND | O_CREAT |
		  O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0600);
	if (fd < 0)
		return R_LOG_FAILED;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_uid != 0 ||
	    (sb.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
		close(fd);
		return R_LOG_FAILED;
	}
	st->log_fd = fd;
	return R_NONE;
}

static const char *env_or_null(const struct state *st, const char *name)
{
	return st->env_ready ? env_get(&st->env, name) : NULL;
}

static char *span_copy(char *dst, size_t cap, struct span s)
{
	size_t n = s.len < cap - 1 ? s.len : cap - 1;

	memcpy(dst, s.p, n);
	dst[n] = '\0';
	return dst;
}

void log_fill(const struct state *st, struct log_record *rec)
{
	static char request[MSG_MAX_FIELD + 2];	/* one over: the line gets cut=1 */

	memset(rec, 0, sizeof(*rec));
	rec->uid = -1;
	rec->exit_status = -1;
	rec->pid = (long)getpid();
	rec->name = st->name;
	if (st->have_user)
		rec->user = st->user;
	if (st->have_target)
		rec->uid = (long long)st->target.uid;
	if (st->have_candidate)
		rec->request = span_copy(request, sizeof(request), st->request);
	rec->script = st->rel_script;
	rec->acl = st->acl;
	rec->warn = st->warn;
	if (st->vhost[0] != '\0')
		rec->host = st->vhost;
	rec->remote_addr = env_or_null(st, "REMOTE_ADDR");
	rec->remote_host = env_or_null(st, "REMOTE_HOST");
	rec->remote_user = env_or_null(st, "REMOTE_USER");
}

/*
 * A caller-set RLIMIT_FSIZE would cut a line short (SIGXFSZ is ignored, so
 * write() just stops at the limit): refuse before writing rather than leave
 * a partial record.
 */
static bool fits_fsize(int fd, size_t len)
{
	struct rlimit rl;
	struct stat sb;

	if (getrlimit(RLIMIT_FSIZE, &rl) != 0 || fstat(fd, &sb) != 0)
		return false;
	if (rl.rlim_cur == RLIM_INFINITY)
		return true;
	return (rlim_t)sb.st_size + len <= rl.rlim_cur;
}

static bool write_line(int fd, const char *buf, size_t len)
{
	ssize_t n;

	if (!fits_fsize(fd, len))
		return false;
	do
		n = write(fd, buf, len);
	while (n < 0 && errno == EINTR);
	return n >= 0 && (size_t)n == len;
}

static int syslog_priority(const char *decision)
{
	if (decision != NULL && strcmp(decision, "allow") == 0)
		return LOG_INFO;
	if (decision != NULL && strcmp(decision, "deny") == 0)
		return LOG_NOTICE;
	return LOG_ERR;
}

bool log_write(const struct state *st, struct log_record *rec)
{
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	long n;
	bool ok = true;

	if (st->syslog_on) {
		rec->time = NULL;
		n = msg_log_line(line, sizeof(line), rec);
		if (n > 0)
			syslog(syslog_priority(rec->decision), "label=%s %.*s",
			       st->policy->syslog_label ? st->policy->syslog_label
							: "cgiwrap",
			       (int)(n - 1), line);
	}
	if (st->log_fd < 0)
		return ok;
	if (gmtime_r(&now, &tm) == NULL ||
	    strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		return false;
	rec->time = stamp;
	n = msg_log_line(line, sizeof(line), rec);
	/* One write() per line on an O_APPEND fd: lines never interleave. */
	return n > 0 && write_line(st->log_fd, line, (size_t)n);
}
