/*
 * cgiwrap-jail: the jail administration tool.  What every command shares:
 * the jail it works on, the compiled policy, messages, small path helpers.
 */
#ifndef CGIWRAP_JT_H
#define CGIWRAP_JT_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include "policy.h"

/* Exit codes of the tool itself (explain also uses the reason codes). */
#define JT_EXIT_OK 0
#define JT_EXIT_FAIL 1		/* the command failed, or check found problems */
#define JT_EXIT_USAGE 2
#define JT_EXIT_LIBS 3		/* explain: allowed, but the program cannot load */

struct jt {
	struct policy policy;	/* the compiled policy, chroot = the jail */
	char jail[PATH_MAX];	/* absolute, clean, no trailing '/' */
	int jail_fd;		/* O_PATH descriptor of the jail, or -1 */
	bool strict;		/* check: warnings count as problems */
	const char *home;	/* umount --home PATH */
};

/* One line on stderr, prefixed "cgiwrap-jail: "; always returns false. */
__attribute__((format(printf, 1, 2)))
bool jt_error(const char *fmt, ...);

/* Progress on stdout ("added /usr/bin/perl"). */
__attribute__((format(printf, 1, 2)))
void jt_say(const char *fmt, ...);

/*
 * Whether path is absolute with no empty, "." or ".." component, no
 * control byte, and shorter than PATH_MAX ("/" itself is clean).
 */
bool jt_path_clean(const char *path);

/* dst = a + b (b may start with '/'): false when it does not fit. */
bool jt_join(char *dst, size_t cap, const char *a, const char *b);

/* dst = src: false when it does not fit. */
bool jt_copy(char *dst, size_t cap, const char *src);

/* Whether path equals top or lies below it, compared by whole components. */
bool jt_path_within(const char *path, const char *top);

/*
 * Open the jail without following symlinks anywhere in its path and keep
 * the descriptor in jt->jail_fd.  false (with a message) if it is missing.
 */
bool jt_open_jail(struct jt *jt);

/*
 * Open path inside the jail as if the jail were '/' (absolute symlinks in
 * the jail resolve inside it; openat2 RESOLVE_IN_ROOT).  root_fd -1: on
 * the host.  Returns a descriptor or -1 with errno set.
 */
int jt_open_in(int root_fd, const char *path, int flags);

/*
 * Run argv[0] (an absolute path) with a fixed minimal environment and
 * capture at most cap-1 bytes of its stdout, NUL-terminated.  true when it
 * exited 0.
 */
bool jt_capture(const char *const argv[], char *out, size_t cap);

/* The commands (each returns the process exit code). */
int cmd_init(struct jt *jt, int argc, char **argv);
int cmd_add_user(struct jt *jt, int argc, char **argv);
int cmd_add(struct jt *jt, int argc, char **argv);
int cmd_mount(struct jt *jt, int argc, char **argv);
int cmd_umount(struct jt *jt, int argc, char **argv);
int cmd_fstab(struct jt *jt, int argc, char **argv);
int cmd_check(struct jt *jt, int argc, char **argv);
int cmd_explain(struct jt *jt, int argc, char **argv);

#endif
