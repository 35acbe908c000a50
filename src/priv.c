/* Privilege drop with verification (spec 8; security.md A17-A19). */
#include <errno.h>
#include <grp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "priv.h"

/* Every capability out of the bounding set: nothing exec'd can regain one. */
static bool empty_bounding_set(void)
{
	for (unsigned long cap = 0; prctl(PR_CAPBSET_READ, cap, 0, 0, 0) >= 0;
	     cap++)
		if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0)
			return false;
	return errno == EINVAL;
}

static bool ids_are(uid_t u, gid_t g)
{
	uid_t ru, eu, su;
	gid_t rg, eg, sg;

	if (getresuid(&ru, &eu, &su) != 0 || getresgid(&rg, &eg, &sg) != 0)
		return false;
	return ru == u && eu == u && su == u && rg == g && eg == g && sg == g;
}

static bool group_in(gid_t g, const gid_t *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (list[i] == g)
			return true;
	return false;
}

/* The kernel's list must be exactly the computed one (order aside). */
static bool groups_are(const gid_t *want, size_t n)
{
	static gid_t have[TARGET_MAX_GROUPS];
	int got = getgroups(TARGET_MAX_GROUPS, have);

	if (got < 0 || (size_t)got != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!group_in(have[i], want, n) || !group_in(want[i], have, n))
			return false;
	return true;
}

/* Root must be out of reach: both calls have to fail now. */
static bool root_unreachable(void)
{
	return setuid(0) != 0 && setgid(0) != 0 && setegid(0) != 0 &&
	       seteuid(0) != 0;
}

enum reason priv_drop(const struct target *t, bool drop_bounding)
{
	if (t->uid == 0 || t->gid == 0 || t->n_groups == 0)
		return R_PRIVILEGE_DROP_FAILED;
	if (drop_bounding && !empty_bounding_set())
		return R_PRIVILEGE_DROP_FAILED;
	/* Groups first: after setresuid we could no longer change them. */
	if (setgroups(t->n_groups, t->groups) != 0 ||
	    setresgid(t->gid, t->gid, t->gid) != 0 ||
	    setresuid(t->uid, t->uid, t->uid) != 0)
		return R_PRIVILEGE_DROP_FAILED;
	if (!ids_are(t->uid, t->gid) || !groups_are(t->groups, t->n_groups) ||
	    !root_unreachable())
		return R_PRIVILEGE_DROP_FAILED;
	/*
	 * The id change reset dumpability to fs.suid_dumpable: with 1 the
	 * target could ptrace us until the exec and take the log descriptor.
	 */
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
		return R_PRIVILEGE_DROP_FAILED;
	return R_NONE;
}

enum reason priv_become_caller(void)
{
	uid_t u = getuid();
	gid_t g = getgid();

	if (setgroups(0, NULL) != 0 || setresgid(g, g, g) != 0 ||
	    setresuid(u, u, u) != 0 || !ids_are(u, g))
		return R_PRIVILEGE_DROP_FAILED;
	/* As in priv_drop: the caller must not ptrace us and take the log fd. */
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
		return R_PRIVILEGE_DROP_FAILED;
	return R_NONE;
}

enum reason priv_no_new_privs(void)
{
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
	    prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1)
		return R_PRIVILEGE_DROP_FAILED;
	return R_NONE;
}
