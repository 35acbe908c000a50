/* User policy (pure): id minimums, login shell, allow/deny access files. */
#include <stdint.h>
#include <string.h>

#include "request.h"
#include "addr.h"
#include "user.h"

#define LINE_MAX_BYTES 4096
#define ACL_MAX_NETGROUP 256

/*
 * Id 0 is refused whatever the build says (D1).  (id_t)-1 is refused too:
 * to setresuid/setresgid it means "leave unchanged", i.e. stay root.
 */
static bool gid_allowed(gid_t gid, const struct policy *p)
{
	if (gid == 0 || gid == (gid_t)-1)
		return false;
	return !p->has_min_gid || (unsigned long)gid >= p->min_gid;
}

enum reason user_check_uid(const struct target *t, const struct policy *p)
{
	if (t->uid == 0 || t->uid == (uid_t)-1)
		return R_UID_BELOW_MINIMUM;
	if ((unsigned long)t->uid < p->min_uid)
		return R_UID_BELOW_MINIMUM;
	return R_NONE;
}

enum reason user_check_gid(const struct target *t, const struct policy *p)
{
	return gid_allowed(t->gid, p) ? R_NONE : R_GID_BELOW_MINIMUM;
}

enum reason user_check_groups(const struct target *t, const struct policy *p)
{
	size_t i;

	/* A count past the array is a broken fact-gatherer: refuse, never read on. */
	if (t->n_groups > TARGET_MAX_GROUPS)
		return R_INTERNAL;
	for (i = 0; i < t->n_groups; i++) {
		if (!gid_allowed(t->groups[i], p))
			return R_SUPP_GID_BELOW_MINIMUM;
	}
	return R_NONE;
}

/* The next line at *pos, without its LF and a CR just before that LF. */
static bool next_line(const char *text, size_t len, size_t *pos,
		      struct span *line)
{
	const char *lf;

	if (*pos >= len)
		return false;
	line->p = text + *pos;
	lf = memchr(line->p, '\n', len - *pos);
	if (lf == NULL) {
		line->len = len - *pos;
		*pos = len;
		return true;
	}
	line->len = (size_t)(lf - line->p);
	*pos += line->len + 1;
	if (line->len > 0 && line->p[line->len - 1] == '\r')
		line->len--;
	return true;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * Over-long lines and control bytes make the file malformed rather than
 * cut the line: the original's tab cut "joe<TAB>x" to "joe" (W12).
 */
static bool line_is_clean(struct span line)
{
	size_t i;

	if (line.len > LINE_MAX_BYTES)
		return false;
	for (i = 0; i < line.len; i++) {
		unsigned char c = (unsigned char)line.p[i];

		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return false;
	}
	return true;
}

static struct span trim_blanks(struct span s)
{
	while (s.len > 0 && is_blank(s.p[0])) {
		s.p++;
		s.len--;
	}
	while (s.len > 0 && is_blank(s.p[s.len - 1]))
		s.len--;
	return s;
}

static bool span_equals(struct span s, const char *str)
{
	return strlen(str) == s.len && memcmp(s.p, str, s.len) == 0;
}

/* ---- allow/deny files ---- */

enum acl_line acl_next_entry(const char *text, size_t len, size_t *pos,
			     struct span *entry)
{
	struct span line;
	struct span rest;
	size_t n = 0;

	entry->p = NULL;
	entry->len = 0;
	if (text == NULL)
		return len > 0 ? ACL_LINE_MALFORMED : ACL_LINE_END;
	if (!next_line(text, len, pos, &line))
		return ACL_LINE_END;
	if (!line_is_clean(line))
		return ACL_LINE_MALFORMED;
	line = trim_blanks(line);
	if (line.len == 0 || line.p[0] == '#')
		return ACL_LINE_BLANK;
	while (n < line.len && !is_blank(line.p[n]))
		n++;
	rest.p = line.p + n;
	rest.len = line.len - n;
	rest = trim_blanks(rest);
	if (rest.len > 0 && rest.p[0] != '#')
		return ACL_LINE_MALFORMED;
	entry->p = line.p;
	entry->len = n;
	return ACL_LINE_ENTRY;
}

enum reason user_check_shell(const char *text, size_t len, const char *shell,
			     size_t *bad_line)
{
	size_t pos = 0, line = 0;
	struct span e;
	enum acl_line l;
	bool found = false;

	*bad_line = 0;
	while ((l = acl_next_entry(text, len, &pos, &e)) != ACL_LINE_END) {
		line++;
		if (l == ACL_LINE_MALFORMED) {
			*bad_line = line;
			return R_CONFIG_MALFORMED;
		}
		if (l == ACL_LINE_ENTRY && shell != NULL && span_equals(e, shell))
			found = true;
	}
	return found ? R_NONE : R_SHELL_NOT_ALLOWED;
}

/*
 * A user name as an entry or as the "who" of a host entry.  A leading '+'
 * is netgroup syntax and '*' a wildcard: read as plain names they would
 * silently match nobody, so a deny file meant to ban would ban no one.
 * A name with '/' or ':' can never be a user (4.1): a mistake, refused.
 */
static bool is_name_entry(struct span e)
{
	if (e.len == 0 || e.len > REQUEST_MAX_USER || e.p[0] == '+')
		return false;
	return memchr(e.p, '@', e.len) == NULL &&
	       memchr(e.p, '*', e.len) == NULL &&
	       memchr(e.p, '/', e.len) == NULL &&
	       memchr(e.p, ':', e.len) == NULL;
}

/* "+@netgroup"; once the text has matched, no more look-ups are made. */
static enum acl_result netgroup_entry(struct span e, const struct acl_query *q,
				      bool matched)
{
	char name[ACL_MAX_NETGROUP + 1];
	struct span g = { e.p + 2, e.len - 2 };

	if (g.len == 0 || g.len > ACL_MAX_NETGROUP ||
	    memchr(g.p, '@', g.len) != NULL)
		return ACL_MALFORMED;
	if (matched)
		return ACL_NO_MATCH;
	memcpy(name, g.p, g.len);
	name[g.len] = '\0';
	return q->in_netgroup(name, q->user, q->ctx) ? ACL_MATCH : ACL_NO_MATCH;
}

/* "who@spec[,spec...]": every spec must parse, matched or not. */
static enum acl_result host_entry(struct span e, const char *at,
				  const struct acl_query *q,
				  const struct ipaddr *client)
{
	struct span who = { e.p, (size_t)(at - e.p) };
	const char *end = e.p + e.len;
	const char *p = at + 1;
	const char *comma;
	struct span spec;
	struct ipnet net;
	bool hit = false;

	if (!span_equals(who, "*") && !is_name_entry(who))
		return ACL_MALFORMED;
	do {
		comma = memchr(p, ',', (size_t)(end - p));
		spec.p = p;
		spec.len = (size_t)((comma != NULL ? comma : end) - p);
		if (!ipnet_parse(spec, &net))
			return ACL_MALFORMED;
		if (ipnet_contains(&net, client))
			hit = true;
		p = comma != NULL ? comma + 1 : end;
	} while (comma != NULL);
	if (!span_equals(who, "*") && !span_equals(who, q->user))
		return ACL_NO_MATCH;
	return hit ? ACL_MATCH : ACL_NO_MATCH;
}

/* One entry; '@' forms only with their option, else malformed (7.2). */
static enum acl_result acl_entry(struct span e, const struct acl_query *q,
				 const struct ipaddr *client, bool matched)
{
	const char *at = memchr(e.p, '@', e.len);

	if (e.len >= 2 && e.p[0] == '+' && e.p[1] == '@')
		return q->netgroups ? netgroup_entry(e, q, matched)
				    : ACL_MALFORMED;
	if (at != NULL)
		return q->host_checking ? host_entry(e, at, q, client)
					: ACL_MALFORMED;
	if (!is_name_entry(e))
		return ACL_MALFORMED;
	return span_equals(e, q->user) ? ACL_MATCH : ACL_NO_MATCH;
}

/*
 * A query we cannot answer is refused, never half-answered: a host entry
 * without a client address would silently not match, unbanning a user in
 * a deny file.
 */
static bool query_usable(const struct acl_query *q, struct ipaddr *client)
{
	memset(client, 0, sizeof(*client));
	if (q == NULL || q->user == NULL)
		return false;
	if (q->netgroups && q->in_netgroup == NULL)
		return false;
	if (!q->host_checking)
		return true;
	return q->remote_addr != NULL &&
	       ipaddr_parse(q->remote_addr,
			    strnlen(q->remote_addr, IPADDR_MAX_TEXT + 1),
			    client);
}

enum acl_result acl_match_ex(const char *text, size_t len,
			     const struct acl_query *q, size_t *bad_line)
{
	struct ipaddr client;
	size_t pos = 0;
	size_t n = 0;
	struct span e;
	enum acl_line kind;
	enum acl_result result = ACL_NO_MATCH;

	if (bad_line != NULL)
		*bad_line = 0;
	if (!query_usable(q, &client) || (text == NULL && len > 0))
		return ACL_MALFORMED;
	/* Read to the end: a file broken anywhere decides nothing. */
	while ((kind = acl_next_entry(text, len, &pos, &e)) != ACL_LINE_END) {
		enum acl_result r = ACL_MALFORMED;

		n++;
		if (kind == ACL_LINE_BLANK)
			r = ACL_NO_MATCH;
		else if (kind == ACL_LINE_ENTRY)
			r = acl_entry(e, q, &client, result == ACL_MATCH);
		if (r == ACL_MALFORMED) {
			if (bad_line != NULL)
				*bad_line = n;
			return ACL_MALFORMED;
		}
		if (r == ACL_MATCH)
			result = ACL_MATCH;
	}
	return result;
}

enum acl_result acl_match(const char *text, size_t len, const char *user,
			  size_t *bad_line)
{
	struct acl_query q = { user, NULL, false, false, NULL, NULL };

	return acl_match_ex(text, len, &q, bad_line);
}

bool user_remote_addr_valid(const char *addr)
{
	struct ipaddr a;

	if (addr == NULL)
		return false;
	return ipaddr_parse(addr, strnlen(addr, IPADDR_MAX_TEXT + 1), &a);
}

/* Anything but a clean result refuses: unknown values fail closed. */
enum reason acl_decide(bool allow_exists, enum acl_result allow,
		       bool deny_exists, enum acl_result deny)
{
	if ((allow_exists && allow == ACL_MALFORMED) ||
	    (deny_exists && deny == ACL_MALFORMED))
		return R_CONFIG_MALFORMED;
	/* No list at all means nobody was allowed: fail closed (7.3). */
	if (!allow_exists && !deny_exists)
		return R_ACCESS_FILES_MISSING;
	if (allow_exists && allow != ACL_MATCH)
		return R_ACCESS_DENIED;
	if (deny_exists && deny != ACL_NO_MATCH)
		return R_ACCESS_DENIED;
	return R_NONE;
}
