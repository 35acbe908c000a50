/* "check": the jail audit, shared by its parts (check.c, audit.c). */
#ifndef CGIWRAP_JT_CHECK_H
#define CGIWRAP_JT_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include "deps.h"
#include "jt.h"
#include "mounts.h"

#define CHECK_MAX_MISSING 256

/* A library or loader the jail lacks, and who needs it. */
struct missing {
	char name[ELF_MAX_NAME];
	bool loader;
	size_t n_needers;
	char needers[1024];	/* ", "-joined jail paths, cut when long */
	char first[PATH_MAX];	/* the first needer, for the fix */
};

struct audit {
	struct jt *jt;
	size_t problems;
	struct mnt *mounts;		/* mounts at or below the jail */
	size_t n_mounts;
	struct deps_search jail;	/* the loader's search inside the jail */
	struct missing missing[CHECK_MAX_MISSING];
	size_t n_missing;
};

/* One finding: "problem: <what>; fix: <fix>" on stdout, counted. */
__attribute__((format(printf, 2, 3)))
void check_problem(struct audit *a, const char *fmt, ...);

/* A remark that is not a problem: "note: ..." (not counted). */
__attribute__((format(printf, 1, 2)))
void check_note(const char *fmt, ...);

/*
 * Walk the jail's own tree (not into mounts, not into /tmp): owners, modes,
 * setuid/setgid, device nodes, ELF loaders and libraries, copies that
 * differ from the host.
 */
void audit_tree(struct audit *a);

/* Report the missing libraries and loaders audit_tree collected. */
void audit_report_missing(struct audit *a);

#endif
