/*
 * cgiwrap-jail: build, audit and explain the jail of a cgiwrap build.
 * Not setuid: the administrator runs it as root.  It is linked with the
 * wrapper's own modules and compiled policy, so its jail, cgi directory
 * and checks are the wrapper's.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "jt.h"

struct command {
	const char *name;
	int (*run)(struct jt *, int, char **);
	bool needs_jail;	/* the jail must exist (all but init) */
	bool needs_root;
};

static const struct command commands[] = {
	{ "init", cmd_init, false, true },
	{ "add-user", cmd_add_user, true, true },
	{ "add", cmd_add, true, true },
	{ "mount", cmd_mount, true, true },
	{ "umount", cmd_umount, true, true },
	{ "fstab", cmd_fstab, false, false },
	{ "check", cmd_check, true, true },
	{ "explain", cmd_explain, true, true },
};

static int usage(void)
{
	fputs("usage: cgiwrap-jail [--jail DIR] [--strict] COMMAND ...\n"
	      "  init [--user NAME...]      the jail skeleton\n"
	      "  add-user NAME...           users into the jail's passwd/group\n"
	      "  add [--preset sh|perl|python3]... [PROGRAM...]\n"
	      "                             programs with all they load\n"
	      "  mount USER...              homes in, ro,nosuid,nodev,private\n"
	      "  umount [--home PATH] USER...\n"
	      "  fstab USER...              the /etc/fstab lines for the homes\n"
	      "  check                      audit the jail\n"
	      "  explain URL-PATH           the wrapper's decision, dry run\n"
	      "see cgiwrap-jail(8)\n", stderr);
	return JT_EXIT_USAGE;
}

/* The global options; returns the index of the command word, or -1. */
static int options(struct jt *jt, int argc, char **argv, const char **jail)
{
	int i;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--jail") == 0 && i + 1 < argc)
			*jail = argv[++i];
		else if (strcmp(argv[i], "--home") == 0 && i + 1 < argc)
			jt->home = argv[++i];
		else if (strcmp(argv[i], "--strict") == 0)
			jt->strict = true;
		else
			return -1;
	}
	return i < argc ? i : -1;
}

static bool set_jail(struct jt *jt, const char *jail)
{
	if (jail == NULL)
		return jt_error("this cgiwrap was built without --with-chroot; "
				"name a jail with --jail DIR");
	if (!jt_path_clean(jail) || strcmp(jail, "/") == 0)
		return jt_error("%s: the jail must be a clean absolute path, "
				"not /", jail);
	jt->policy.chroot = jt->jail;
	return jt_copy(jt->jail, sizeof(jt->jail), jail);
}

int main(int argc, char **argv)
{
	static struct jt jt = { .jail_fd = -1 };
	const char *jail;
	int i;

	jt.policy = *policy_compiled();
	jail = jt.policy.chroot;
	i = options(&jt, argc, argv, &jail);
	if (i < 0)
		return usage();
	for (size_t k = 0; k < sizeof(commands) / sizeof(commands[0]); k++) {
		const struct command *c = &commands[k];

		if (strcmp(argv[i], c->name) != 0)
			continue;
		if (!set_jail(&jt, jail))
			return JT_EXIT_FAIL;
		if (c->needs_root && geteuid() != 0) {
			jt_error("%s must run as root", c->name);
			return JT_EXIT_FAIL;
		}
		if (c->needs_jail && !jt_open_jail(&jt))
			return JT_EXIT_FAIL;
		return c->run(&jt, argc - i - 1, argv + i + 1);
	}
	return usage();
}
