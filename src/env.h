/* The script's environment (pure): intake with limits, allow-list, rewriting. */
#ifndef CGIWRAP_ENV_H
#define CGIWRAP_ENV_H

#include <stdbool.h>
#include <stddef.h>
#include "policy.h"
#include "reason.h"

#define ENV_MAX_ENTRIES 1024
#define ENV_MAX_ENTRY (64 * 1024)		/* "NAME=value" bytes, no NUL */
#define ENV_MAX_TOTAL (1024 * 1024)
#define ENV_MAX_OUT (ENV_MAX_ENTRIES + 16)

/* The caller's environment, validated; entries point into the original. */
struct env_in {
	const char *entry[ENV_MAX_ENTRIES];
	size_t n;
};

/*
 * Take in envp (NULL-terminated): more than ENV_MAX_ENTRIES entries, an
 * entry over ENV_MAX_ENTRY bytes or over ENV_MAX_TOTAL bytes in all:
 * R_ENV_TOO_LARGE.  Entries without '=' or with a name not matching
 * [A-Za-z_][A-Za-z0-9_]* are dropped; of a duplicated name only the first is
 * kept.  envp may be NULL.
 */
enum reason env_intake(char *const *envp, struct env_in *out)
	__attribute__((warn_unused_result));

/* The value of name in in, or NULL. */
const char *env_get(const struct env_in *in, const char *name);

/* Whether a variable of this name is passed to the script (spec 5.1, D6). */
bool env_name_allowed(const char *name, size_t len, const struct policy *p);

/* What the wrapper decided, for the rewriting of spec 5.2. */
struct env_rewrite {
	const char *user;	/* name without '~' */
	const char *rel_script;	/* walked components joined by '/' */
	const char *extra;	/* extra path info ("" if none) */
	const char *base_dir;	/* absolute base directory (no trailing '/') */
	const char *home;	/* the target's home directory */
	bool interpreted;	/* run by an interpreter: PATH_TRANSLATED
				   rule 3 gives '/' + rel_script + extra */
};

/* The environment for exec: NULL-terminated; strings owned by store. */
struct env_out {
	char *entry[ENV_MAX_OUT + 1];
	size_t n;
	char *store;		/* one malloc'd block, freed by env_free */
	size_t used;
	size_t cap;
};

/*
 * Build the script's environment: the allowed variables of in, then the
 * wrapper's own (PATH, TZ, LD_LIBRARY_PATH, HOME) and the rewritten
 * SCRIPT_NAME, SCRIPT_FILENAME, PATH_INFO, PATH_TRANSLATED (spec 5.2).
 * SCRIPT_NAME: with p->use_redirect_url a non-empty REDIRECT_URL, else with
 * p->use_script_url a non-empty SCRIPT_URL, each without a trailing copy of
 * rw->extra (only when something is left before it); else the server's
 * SCRIPT_NAME + '/' + user + '/' + rel_script; else unset.
 * PATH_TRANSLATED, only when the server set it: with p->path_translated_2
 * base_dir + '/' + rel_script + extra; else the default rules, where rule 3
 * puts '/' + rel_script before the extra path when rw->interpreted.
 * R_NONE, or R_ENV_TOO_LARGE / R_INTERNAL when a limit or allocation fails.
 */
enum reason env_build(const struct env_in *in, const struct env_rewrite *rw,
		      const struct policy *p, struct env_out *out)
	__attribute__((warn_unused_result));

/* Release what env_build allocated. */
void env_free(struct env_out *out);

#endif
