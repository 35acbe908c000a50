/*
 * cgiwrap: run a user's CGI script as that user, inside the build's jail.
 *
 * The security story, one call per step (docs/design.md explains each under
 * the same number).  Every refusal leaves through fail(): one log line, one
 * HTTP error page, the reason's own exit code.
 */
#include "fail.h"
#include "jail.h"
#include "log.h"
#include "lookup.h"
#include "priv.h"
#include "proc.h"
#include "run.h"
#include "rusage.h"
#include "scriptfs.h"
#include "state.h"

static struct state st;

static void take_request_user(struct state *s)
{
	fail_unless_ok(s, env_intake(s->envp, &s->env), "environment limits");
	s->env_ready = true;
	fail_unless_ok(s, request_user(env_get(&s->env, "PATH_INFO"),
				       env_get(&s->env, "QUERY_STRING"), s->user),
		       "no valid user in the request");
	s->have_user = true;
}

static void resolve_user(struct state *s)
{
	fail_unless_ok(s, lookup_target(s->user, s->policy->initgroups &&
						 s->policy->setgroups, &s->target), "user lookup");
	s->have_target = true;
	lookup_check_user(s);
	fail_unless_ok(s, scriptfs_base_path(s), "base directory");
}

static void take_request_script(struct state *s)
{
	bool from_query;
	const char *start;

	fail_unless_ok(s, request_script(env_get(&s->env, "PATH_INFO"),
					 env_get(&s->env, "QUERY_STRING"),
					 &s->candidate, &from_query),
		       "no script in the request");
	/* The log shows the script part with its leading '/'s, as sent. */
	start = s->candidate.p;
	s->request = s->candidate;
	while (!from_query && s->request.len < 4096 && start[-1] == '/' &&
	       start - 1 > env_get(&s->env, "PATH_INFO")) {
		start--;
		s->request.p = start;
		s->request.len++;
	}
	s->have_candidate = true;
}

int main(int argc, char **argv)
{
	st.policy = policy_compiled();

	proc_start(&st, argc, argv);		/* 1. known process state */
	proc_settings(&st);			/* 2. -V outside CGI */
	proc_check_caller(&st);			/* 2. the web server, setuid */
	fail_unless_ok(&st, log_open_file(&st), "opening the log");  /* 3. */
	fail_unless_ok(&st, jail_check(&st), "jail check");	   /* 3. */
	proc_raise_limits(&st);			/* 3. configured hard limits */
	take_request_user(&st);			/* 4. env intake, the user */
	resolve_user(&st);			/* 5. NSS on the host, policy */
	take_request_script(&st);		/* 4. the script candidate */
	rusage_fork(&st);			/* 6. rusage builds: a logging parent */
	fail_unless_ok(&st, jail_enter(&st), "entering the jail");  /* 6. */
	fail_unless_ok(&st, priv_drop(&st.target, st.policy->no_new_privs),
		       "dropping privileges");	/* 7. */
	scriptfs_walk(&st);			/* 8. as the user, in the jail */
	run_prepare(&st);			/* 9. environment and argv */
	run_exec(&st);				/* 10. log, clean process, exec */
}
