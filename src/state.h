/*
 * What one run of the wrapper has learnt so far.  The steps of main.c fill it
 * in order; fail() reads it to write the log line.  One static instance.
 */
#ifndef CGIWRAP_STATE_H
#define CGIWRAP_STATE_H

#include <limits.h>
#include <stdbool.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include "env.h"
#include "msg.h"
#include "policy.h"
#include "request.h"
#include "target.h"

/* The limits the wrapper raises for itself (proc_start) and puts back. */
#define STATE_OWN_LIMITS 5

struct state {
	const struct policy *policy;
	int argc;
	char **argv;
	const char *name;		/* basename of argv[0] */
	bool nph;			/* nph- name: raw HTTP responses */
	bool debug;			/* cgiwrapd names: trace */
	bool php_mode;			/* php- names: every script through PHP */
	char **envp;			/* the caller's environment, captured */
	bool env_ready;			/* env holds the validated intake */
	struct env_in env;
	bool syslog_on;
	int log_fd;			/* -1 until the log file is open */
	int jail_fd;			/* -1 unless a jail was checked */
	int rusage_fd;			/* child's end of the rusage pipe, or -1 */
	pid_t child;			/* rusage parent: the child's pid */
	struct rlimit caller_rl[STATE_OWN_LIMITS];	/* as the caller set them */
	bool caller_rl_changed[STATE_OWN_LIMITS];	/* raised: put back */
	bool have_user;
	char user[REQUEST_MAX_USER + 1];
	bool have_target;
	struct target target;
	const char *acl;		/* the access pair being decided */
	char vhost[256];		/* the checked vhost name, if any */
	const char *warn;		/* D15: missing mount flags, for the log */
	bool have_candidate;
	struct span candidate;		/* script part of the request */
	struct span request;		/* the same with its leading '/'s, for the log */
	char base_dir[TARGET_MAX_PATH];
	int dir_fd;			/* directory holding the checked script */
	char *rel_script;		/* walked components joined by '/' */
	char *extra;			/* extra path info ("" if none) */
	const char *script_name;	/* last component of rel_script */
	struct stat script_st;		/* the checked script */
	bool shared;			/* found in the multiuser directory */
	const char *interp;		/* interpreter path, or NULL: direct exec */
	struct env_out env_out;
	char **exec_argv;
	struct trace trace;
	bool trace_sent;		/* the debug header and trace went out */
};

#endif
