/*
 * The jail's /etc/passwd and /etc/group: only the users the admin names,
 * so a script's `id` or `ls -l` shows names, and nothing else is listed.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "init.h"

#define DB_MAX (1024 * 1024)

struct db {
	char *text;		/* the new file */
	size_t len, cap;
};

static bool db_append(struct db *d, const char *line)
{
	size_t n = strlen(line);

	if (d->len + n + 1 > d->cap)
		return jt_error("the jail's user database grew too large");
	memcpy(d->text + d->len, line, n);
	d->len += n;
	d->text[d->len] = '\0';
	return true;
}

/* Whether a "name:..." line is one of the entries being replaced. */
static bool replaced(const char *line, char *const *names, size_t n)
{
	size_t len = strcspn(line, ":\n");

	for (size_t i = 0; i < n; i++)
		if (names[i] != NULL && strlen(names[i]) == len &&
		    strncmp(line, names[i], len) == 0)
			return true;
	return false;
}

/* The old file's lines, minus those of names (n of them). */
static bool db_keep_old(struct db *d, int etc, const char *file,
			char *const *names, size_t n)
{
	char line[4096];
	int fd = openat(etc, file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	FILE *f;
	bool ok = true;

	if (fd < 0)
		return errno == ENOENT || jt_error("/etc/%s in the jail: %m", file);
	f = fdopen(fd, "r");
	if (f == NULL) {
		close(fd);
		return false;
	}
	while (ok && fgets(line, sizeof(line), f) != NULL)
		if (!replaced(line, names, n))
			ok = db_append(d, line);
	fclose(f);
	return ok;
}

static bool db_write(struct db *d, int etc, const char *file)
{
	char tmp[64];
	int fd;
	bool ok;

	snprintf(tmp, sizeof(tmp), ".%s.cgiwrap-jail", file);
	(void)unlinkat(etc, tmp, 0);
	fd = openat(etc, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		    0644);
	if (fd < 0)
		return jt_error("/etc/%s in the jail: %m", file);
	ok = write(fd, d->text, d->len) == (ssize_t)d->len &&
	     fchown(fd, 0, 0) == 0 && fchmod(fd, 0644) == 0;
	ok = close(fd) == 0 && ok && renameat(etc, tmp, etc, file) == 0;
	if (!ok)
		(void)unlinkat(etc, tmp, 0);
	return ok || jt_error("writing /etc/%s in the jail: %m", file);
}

static bool valid_name(const char *s)
{
	if (s[0] == '\0' || s[0] == '-' || strlen(s) > 64)
		return false;
	return strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			 "0123456789._-") == strlen(s);
}

static bool passwd_line(const char *name, char *line, size_t cap,
			char *group, size_t gcap, gid_t *gid)
{
	struct passwd *pw = getpwnam(name);
	struct group *gr;

	if (!valid_name(name) || pw == NULL)
		return jt_error("%s: no such user on the host", name);
	*gid = pw->pw_gid;
	if (snprintf(line, cap, "%s:x:%lu:%lu::%s:%s\n", pw->pw_name,
		     (unsigned long)pw->pw_uid, (unsigned long)pw->pw_gid,
		     pw->pw_dir, pw->pw_shell) >= (int)cap)
		return jt_error("%s: passwd entry too long", name);
	gr = getgrgid(*gid);
	if (gr == NULL || !valid_name(gr->gr_name))
		return jt_error("%s: primary group %lu not found", name,
				(unsigned long)*gid);
	return jt_copy(group, gcap, gr->gr_name);
}

struct entries {
	char **users, **groups;
	char (*group_names)[128];	/* storage for groups[] */
	char passwd[2][DB_MAX / 2];
	size_t n;
};

static bool both_files(int etc, struct entries *e, int n)
{
	struct db d = { .text = malloc(DB_MAX), .cap = DB_MAX };
	bool ok = d.text != NULL;

	ok = ok && db_keep_old(&d, etc, "passwd", e->users, (size_t)n) &&
	     db_append(&d, e->passwd[0]) && db_write(&d, etc, "passwd");
	d.len = 0;
	ok = ok && db_keep_old(&d, etc, "group", e->groups, (size_t)n) &&
	     db_append(&d, e->passwd[1]) && db_write(&d, etc, "group");
	free(d.text);
	return ok;
}

static bool gather(int n, char **names, struct entries *e)
{
	char line[8192], gline[512], group[128];
	struct db pw = { .text = e->passwd[0], .cap = sizeof(e->passwd[0]) };
	struct db gr = { .text = e->passwd[1], .cap = sizeof(e->passwd[1]) };
	gid_t gid = 0;

	for (int i = 0; i < n; i++) {
		if (strcmp(names[i], "--user") == 0)
			continue;
		if (!passwd_line(names[i], line, sizeof(line), group,
				 sizeof(group), &gid) || !db_append(&pw, line))
			return false;
		snprintf(gline, sizeof(gline), "%s:x:%lu:\n", group,
			 (unsigned long)gid);
		e->users[i] = names[i];
		memcpy(e->group_names[i], group, sizeof(e->group_names[i]));
		e->groups[i] = e->group_names[i];
		/* Two users sharing a group: one line. */
		if (!replaced(gline, e->groups, (size_t)i) && !db_append(&gr, gline))
			return false;
		jt_say("user %s (group %s) in the jail's /etc/passwd", names[i],
		       group);
	}
	return true;
}

bool init_add_users(struct jt *jt, int n, char **names)
{
	static struct entries e;
	int etc;
	bool ok;

	if (n <= 0)
		return true;
	e.users = calloc((size_t)n, sizeof(char *));
	e.groups = calloc((size_t)n, sizeof(char *));
	e.group_names = calloc((size_t)n, sizeof(*e.group_names));
	e.passwd[0][0] = e.passwd[1][0] = '\0';
	if (e.users == NULL || e.groups == NULL || e.group_names == NULL ||
	    !gather(n, names, &e))
		return false;
	etc = openat(jt->jail_fd, "etc", O_PATH | O_DIRECTORY | O_NOFOLLOW |
						  O_CLOEXEC);
	if (etc < 0)
		return jt_error("%s/etc: %m (run init first)", jt->jail);
	ok = both_files(etc, &e, n);
	close(etc);
	free(e.group_names);
	free(e.groups);
	free(e.users);
	return ok;
}
