/* Script path policy (pure): components, directories, the file, argv[0]. */
#include <string.h>

#include "script.h"

bool script_next_component(const char *s, size_t len, size_t *pos,
			   struct span *comp)
{
	const char *slash;

	if (*pos >= len)
		return false;
	comp->p = s + *pos;
	slash = memchr(comp->p, '/', len - *pos);
	if (slash == NULL) {
		comp->len = len - *pos;
		*pos = len;
	} else {
		comp->len = (size_t)(slash - comp->p);
		*pos += comp->len + 1;
	}
	return true;
}

static bool span_is(struct span s, const char *str)
{
	return strlen(str) == s.len && memcmp(s.p, str, s.len) == 0;
}

static bool has_non_graph_byte(struct span s)
{
	size_t i;

	for (i = 0; i < s.len; i++) {
		unsigned char c = (unsigned char)s.p[i];

		if (c < 0x21 || c > 0x7e)
			return true;
	}
	return false;
}

enum reason script_check_name(struct span comp, const struct policy *p)
{
	/*
	 * Empty, "." and ".." are refused before any lookup, so the walk can
	 * never leave the base directory nor reveal what exists (spec 6,
	 * row 13).
	 * A NUL or '/' would make openat see another name than the one checked.
	 */
	if (comp.len == 0 || span_is(comp, ".") || span_is(comp, ".."))
		return R_BAD_PATH_COMPONENT;
	if (memchr(comp.p, '\0', comp.len) != NULL ||
	    memchr(comp.p, '/', comp.len) != NULL)
		return R_BAD_PATH_COMPONENT;
	if (p->strict_names && has_non_graph_byte(comp))
		return R_STRICT_NAME;
	/* D13: .git, .svn, .htaccess and the like are never scripts' paths. */
	if (comp.p[0] == '.')
		return R_HIDDEN_COMPONENT;
	return R_NONE;
}

/*
 * Writable by others than the owner: they could swap or change what runs
 * as the target.  World is tested first: spec 6, row 23 wants a 0777
 * directory refused as world-writable.
 */
static enum reason check_writable(const struct stat *st,
				  const struct policy *p)
{
	if (p->check_world_writable && (st->st_mode & S_IWOTH) != 0)
		return R_WORLD_WRITABLE;
	if (p->check_group_writable && (st->st_mode & S_IWGRP) != 0)
		return R_GROUP_WRITABLE;
	return R_NONE;
}

/*
 * Row 7: only root or the target may change a directory on the path, or
 * another user could swap the script between the checks and the exec (W3).
 */
static enum reason check_dir_perms(const struct stat *st,
				   const struct target *t,
				   const struct policy *p)
{
	if (p->check_owner && st->st_uid != 0 && st->st_uid != t->uid)
		return R_OWNER_MISMATCH;
	return check_writable(st, p);
}

enum reason script_check_dir(const struct stat *st, struct span name,
			     bool is_base, const struct target *t,
			     const struct policy *p)
{
	if (!is_base) {
		if ((p->block_svn_paths && span_is(name, ".svn")) ||
		    (p->block_cvs_paths && span_is(name, "CVS")))
			return R_VCS_PATH;
		if (!p->script_subdirs)
			return R_SUBDIR_NOT_ALLOWED;
	}
	return check_dir_perms(st, t, p);
}

static enum reason check_file(const struct stat *st, bool interpreted,
			      bool shared, const struct target *t,
			      const struct policy *p)
{
	/* Regular files only: a FIFO or device is never run (row 8). */
	if (!S_ISREG(st->st_mode))
		return R_NOT_REGULAR_FILE;
	if (!interpreted && (st->st_mode & S_IXUSR) == 0)
		return R_NOT_EXECUTABLE;
	/*
	 * In the shared tree root may own the script too, and there is no
	 * group check (4.5); but never another user: the original skipped the
	 * owner check there, letting a shared script's owner act as anyone.
	 */
	if (p->check_owner && st->st_uid != t->uid && (!shared || st->st_uid != 0))
		return R_OWNER_MISMATCH;
	if (p->check_group && !shared && st->st_gid != t->gid)
		return R_GROUP_MISMATCH;
	if (p->check_setuid && (st->st_mode & S_ISUID) != 0)
		return R_SETUID_SCRIPT;
	if (p->check_setgid && (st->st_mode & S_ISGID) != 0)
		return R_SETGID_SCRIPT;
	return check_writable(st, p);
}

enum reason script_check_file(const struct stat *st, bool interpreted,
			      const struct target *t, const struct policy *p)
{
	return check_file(st, interpreted, false, t, p);
}

enum reason script_check_shared_file(const struct stat *st, bool interpreted,
				     const struct target *t,
				     const struct policy *p)
{
	return check_file(st, interpreted, true, t, p);
}

/* Whether name ends in suffix, ASCII case-insensitively (4.2 and later). */
static bool has_suffix(const char *name, const char *suffix)
{
	size_t n = strlen(name), k = strlen(suffix);

	if (n <= k)
		return false;
	for (size_t i = 0; i < k; i++) {
		char c = name[n - k + i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != suffix[i])
			return false;
	}
	return true;
}

static bool is_php_name(const char *name)
{
	static const char *const suffixes[] = {
		".php", ".php3", ".php4", ".php5", ".php6", ".php7", ".phtml",
	};

	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++)
		if (has_suffix(name, suffixes[i]))
			return true;
	return false;
}

static enum script_interp by_suffix(const char *name, const struct policy *p)
{
	if (p->php_interpreter && p->php != NULL && is_php_name(name))
		return INTERP_PHP;
	if (p->eruby_interpreter && p->eruby != NULL &&
	    has_suffix(name, ".rhtml"))
		return INTERP_ERUBY;
	if (p->asp_interpreter && p->asp != NULL && has_suffix(name, ".asp"))
		return INTERP_ASP;
	return INTERP_NONE;
}

enum script_interp script_interpreter(const char *name, bool php_mode,
				      mode_t mode, const struct policy *p)
{
	enum script_interp i;
	bool owner_exec = (mode & S_IXUSR) != 0;

	/* A php- name sends every script through PHP (4.6, 6 row 15). */
	if (php_mode)
		return p->php != NULL ? INTERP_PHP : INTERP_NONE;
	i = by_suffix(name, p);
	/* nonexec-only concerns the files chosen by suffix, nothing else. */
	if (owner_exec && ((i == INTERP_PHP && p->php_nonexec_only) ||
			   (i == INTERP_ASP && p->asp_nonexec_only)))
		return INTERP_NONE;
	return i;
}

const char *script_interpreter_path(enum script_interp i,
				    const struct policy *p)
{
	switch (i) {
	case INTERP_PHP:
		return p->php;
	case INTERP_ERUBY:
		return p->eruby;
	case INTERP_ASP:
		return p->asp;
	case INTERP_NONE:
	default:
		return NULL;
	}
}

/* The second-to-last '/' and what follows, else rel itself (4.7's quirk). */
const char *script_argv0(const char *rel)
{
	const char *last = NULL;
	const char *before = NULL;
	const char *c;

	if (rel == NULL)
		return NULL;
	for (c = rel; *c != '\0'; c++) {
		if (*c == '/') {
			before = last;
			last = c;
		}
	}
	return before != NULL ? before : rel;
}
