/* Handing the script a clean process and exec'ing exactly what was checked. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elf.h"
#include "fail.h"
#include "log.h"
#include "priv.h"
#include "proc.h"
#include "run.h"
#include "rusage.h"
#include "script.h"

/* D9: the trace shows the variables the wrapper rewrote, and no others. */
static void trace_rewritten(struct state *st)
{
	static const char *const shown[] = {
		"SCRIPT_NAME=", "SCRIPT_FILENAME=", "PATH_INFO=",
		"PATH_TRANSLATED=", "HOME=",
	};

	for (size_t i = 0; i < st->env_out.n; i++)
		for (size_t k = 0; k < sizeof(shown) / sizeof(shown[0]); k++)
			if (strncmp(st->env_out.entry[i], shown[k],
				    strlen(shown[k])) == 0)
				trace_add(&st->trace, "env: %s",
					  st->env_out.entry[i]);
}

void run_prepare(struct state *st)
{
	struct env_rewrite rw = {
		.user = st->user,
		.rel_script = st->rel_script,
		.extra = st->extra,
		.base_dir = st->base_dir,
		.home = st->target.home,
		.interpreted = st->interp != NULL,
	};
	int nwords = st->argc - 1;

	fail_unless_ok(st, env_build(&st->env, &rw, st->policy, &st->env_out),
		       "building the environment");
	st->exec_argv = calloc((size_t)nwords + 2, sizeof(char *));
	if (st->exec_argv == NULL)
		fail(st, R_INTERNAL, "out of memory");
	if (st->interp != NULL) {
		/* No server argv words reach an interpreter (D11, A5). */
		st->exec_argv[0] = (char *)(uintptr_t)st->interp;
		st->exec_argv[1] = (char *)(uintptr_t)st->script_name;
	} else {
		/* argv[1..]: the server's ISINDEX words (4.7). */
		st->exec_argv[0] = st->rel_script +
				   (script_argv0(st->rel_script) - st->rel_script);
		for (int i = 0; i < nwords; i++)
			st->exec_argv[i + 1] = st->argv[i + 1];
	}
	trace_add(&st->trace, "script: %s extra path: \"%s\" argv[0]: %s",
		  st->rel_script, st->extra, st->exec_argv[0]);
	trace_rewritten(st);
}

static void log_allow(struct state *st)
{
	struct log_record rec;

	/* With rusage the parent writes the request's line after the child. */
	if (st->policy->report_rusage) {
		rusage_child_allowed(st);
		return;
	}
	log_fill(st, &rec);
	rec.decision = "allow";
	/* Unlogged is unrun: a log the caller broke refuses the request. */
	if (!log_write(st, &rec))
		fail(st, R_LOG_FAILED, "writing the allow line: %m");
}

static void send_trace(struct state *st)
{
	char head[256];
	int n;

	if (!st->debug)
		return;
	n = snprintf(head, sizeof(head), "%sContent-Type: text/plain; charset=%s%s",
		     st->nph ? "HTTP/1.0 200 OK\r\n" : "", st->policy->charset,
		     st->nph ? "\r\n\r\n" : "\n\n");
	if (st->interp != NULL)
		trace_add(&st->trace, "exec: %s %s from the script's directory",
			  st->interp, st->script_name);
	else
		trace_add(&st->trace, "exec: ./%s from the script's directory",
			  st->script_name);
	trace_add(&st->trace, "---------- script output follows ----------");
	if (n > 0 && (size_t)n < sizeof(head))
		(void)out_write(head, (size_t)n);
	(void)out_write(st->trace.buf, st->trace.len);
	st->trace.len = 0;
	st->trace_sent = true;
}

/*
 * Signals pending at entry are discarded, not delivered: ignoring a signal
 * drops it from the pending set, then the default comes back (A14).
 */
static void reset_signals(void)
{
	sigset_t none;

	for (int sig = 1; sig < NSIG; sig++) {
		if (sig == SIGKILL || sig == SIGSTOP)
			continue;
		(void)signal(sig, SIG_IGN);
		(void)signal(sig, SIG_DFL);
	}
	sigemptyset(&none);
	(void)sigprocmask(SIG_SETMASK, &none, NULL);
}

/*
 * Still in the caller's session: give up its controlling terminal, or the
 * script could push input into the caller's shell with TIOCSTI (A21,
 * CVE-2016-2779).
 */
static void drop_terminal(void)
{
	for (int fd = 0; fd <= 2; fd++)
		if (isatty(fd))
			(void)ioctl(fd, TIOCNOTTY);
}

static void clean_process(struct state *st)
{
	errno = 0;
	if (getpriority(PRIO_PROCESS, 0) < 0 && errno == 0)
		(void)setpriority(PRIO_PROCESS, 0, 0);
	umask(st->policy->umask);
	if (setsid() < 0) {
		trace_add(&st->trace, "setsid: already a process group leader");
		drop_terminal();
	}
	fail_unless_ok(st, proc_restore_limits(st), "restoring the caller's rlimits");
	fail_unless_ok(st, proc_apply_limits(st->policy), "setting rlimits");
	if (st->policy->no_new_privs)
		fail_unless_ok(st, priv_no_new_privs(), "no_new_privs");
	reset_signals();
}

/* Which piece of an ENOENT exec is missing: the #! interpreter or a loader. */
__attribute__((noreturn))
static void diagnose_missing(struct state *st, const char *program,
			     const char *detail)
{
	/* The page's sentences: constants, one pair per missing piece. */
	static const char *const interp_cfg[2] = {
		"The interpreter configured for this script does not exist.",
		"The interpreter configured for this script does not exist inside the jail.",
	};
	static const char *const interp_line[2] = {
		"The interpreter named on the script's #! line does not exist.",
		"The interpreter named on the script's #! line does not exist inside the jail.",
	};
	static const char *const loader[2] = {
		"The program loader the script needs does not exist.",
		"The program loader the script needs does not exist inside the jail.",
	};
	static char piece[4096];
	static struct elf_info elf;
	char arg[8];
	int jailed = st->policy->chroot != NULL;
	int fd = open(program, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	int ifd;

	if (fd < 0 && st->interp != NULL)
		fail_exec(st, interp_cfg[jailed], st->interp, detail);
	if (fd >= 0 && elf_shebang(fd, piece, sizeof(piece), arg, sizeof(arg))) {
		ifd = open(piece, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
		if (ifd < 0)
			fail_exec(st, interp_line[jailed], piece, detail);
		fd = ifd;	/* the interpreter exists: maybe its loader is missing */
	}
	if (fd >= 0)
		elf_read(fd, &elf);
	if (fd >= 0 && elf.kind == ELF_OK && elf.has_interp)
		fail_exec(st, loader[jailed], elf.interp, detail);
	fail_exec(st, "The script or a program it needs does not exist.", NULL,
		  detail);
}

__attribute__((noreturn))
static void diagnose(struct state *st, int err)
{
	char detail[128];

	/* Signals are at their defaults now: a log write over the script's
	 * fsize limit must fail, not kill us. */
	(void)signal(SIGXFSZ, SIG_IGN);
	const char *name = strerrorname_np(err);

	/* Errno names are short; a cut one would still name the failure. */
	if (snprintf(detail, sizeof(detail), "exec: %s",
		     name != NULL ? name : "unknown") < 0)
		detail[0] = '\0';
	switch (err) {
	case ENOENT:
	case ELIBBAD:
		diagnose_missing(st, st->interp ? st->interp : st->script_name,
				 detail);
	case ENOEXEC:
		fail_exec(st, "The script is not a program the system can run (a missing #! line?).",
			  NULL, detail);
	case EACCES:
	case EPERM:
		fail_exec(st, "The script or its interpreter may not be executed (permissions or a noexec mount).",
			  NULL, detail);
	default:
		fail_exec(st, NULL, NULL, detail);
	}
}

void run_exec(struct state *st)
{
	char path[NAME_MAX + 3] = "./";
	struct stat now;

	log_allow(st);
	clean_process(st);
	memcpy(path + 2, st->script_name, strlen(st->script_name) + 1);
	/*
	 * Exec relative to the checked directory, after making sure the entry
	 * is still the checked inode: a directory swapped meanwhile changes
	 * nothing, and only root or the owner can change the entry (A10).
	 */
	if (fchdir(st->dir_fd) != 0 ||
	    fstatat(AT_FDCWD, st->script_name, &now, AT_SYMLINK_NOFOLLOW) != 0 ||
	    now.st_dev != st->script_st.st_dev ||
	    now.st_ino != st->script_st.st_ino)
		fail_exec(st, NULL, NULL, "the script changed after its checks");
	(void)close(st->dir_fd);
	/* The trace goes out last: every refusal before here has its status. */
	send_trace(st);
	/*
	 * AT_SYMLINK_NOFOLLOW: an entry swapped for a symlink after the
	 * re-check is refused by the kernel (A10).  Relative to the cwd, not
	 * to a descriptor, so a #! interpreter gets "./name", not /dev/fd.
	 */
	if (st->interp != NULL)
		execve(st->interp, st->exec_argv, st->env_out.entry);
	else
		execveat(AT_FDCWD, path, st->exec_argv, st->env_out.entry,
			 AT_SYMLINK_NOFOLLOW);
	diagnose(st, errno);
}
