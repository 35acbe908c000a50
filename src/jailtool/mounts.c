/* Reading /proc/self/mountinfo (fields as in proc(5)), escapes decoded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jt.h"
#include "mounts.h"

#define MAX_MOUNTS 4096

/* Copy one space-separated field, decoding \ooo octal escapes. */
static const char *field(const char *p, char *out, size_t cap)
{
	size_t o = 0;

	while (*p == ' ')
		p++;
	while (*p != '\0' && *p != ' ' && *p != '\n') {
		char c = *p++;

		if (c == '\\' && p[0] >= '0' && p[0] <= '3' && p[1] >= '0' &&
		    p[1] <= '7' && p[2] >= '0' && p[2] <= '7') {
			c = (char)((p[0] - '0') * 64 + (p[1] - '0') * 8 + (p[2] - '0'));
			p += 3;
		}
		if (o + 1 < cap)
			out[o++] = c;
	}
	out[o] = '\0';
	return p;
}

/* One mountinfo line into *m; false if malformed. */
static bool parse_line(const char *line, struct mnt *m)
{
	char skip[PATH_MAX];
	const char *p = line;

	for (int i = 0; i < 3; i++)	/* id, parent id, major:minor */
		p = field(p, skip, sizeof(skip));
	p = field(p, m->root, sizeof(m->root));
	p = field(p, m->point, sizeof(m->point));
	p = field(p, m->opts, sizeof(m->opts));
	do	/* optional fields up to the lone "-" */
		p = field(p, skip, sizeof(skip));
	while (skip[0] != '\0' && strcmp(skip, "-") != 0);
	(void)field(p, m->fstype, sizeof(m->fstype));
	return m->point[0] == '/' && m->fstype[0] != '\0';
}

size_t mounts_under(const char *top, struct mnt **out)
{
	static char line[3 * PATH_MAX + 1024];
	static struct mnt m;
	FILE *f = fopen("/proc/self/mountinfo", "re");
	struct mnt *v = NULL, *bigger;
	size_t n = 0, cap = 0;

	*out = NULL;
	if (f == NULL) {
		jt_error("/proc/self/mountinfo: %m");
		return 0;
	}
	while (n < MAX_MOUNTS && fgets(line, sizeof(line), f) != NULL) {
		if (!parse_line(line, &m) || !jt_path_within(m.point, top))
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 8;
			bigger = realloc(v, cap * sizeof(*v));
			if (bigger == NULL)
				break;
			v = bigger;
		}
		v[n++] = m;
	}
	fclose(f);
	*out = v;
	return n;
}

bool mnt_has_opt(const struct mnt *m, const char *opt)
{
	size_t n = strlen(opt);

	for (const char *p = m->opts; *p != '\0';) {
		size_t k = strcspn(p, ",");

		if (k == n && strncmp(p, opt, n) == 0)
			return true;
		p += k + (p[k] == ',');
	}
	return false;
}
