/* The loader's search, reproduced from its documented order (ld.so(8)). */
#include <fcntl.h>
#include <glob.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "deps.h"
#include "jt.h"

static const char *const default_dirs[] = {
	"/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib", "/usr/lib",
};
#define N_DEFAULT (sizeof(default_dirs) / sizeof(default_dirs[0]))

static void add_dir(struct deps_search *s, const char *dir, size_t n)
{
	if (n == 0 || n >= DEPS_DIR_MAX || dir[0] != '/' ||
	    s->n_conf == DEPS_MAX_DIRS)
		return;
	memcpy(s->conf[s->n_conf], dir, n);
	s->conf[s->n_conf][n] = '\0';
	s->n_conf++;
}

static void read_conf(struct deps_search *s, const char *root_path,
		      const char *file, int depth);

/* "include PATTERN": relative patterns are relative to /etc. */
static void include(struct deps_search *s, const char *root_path,
		    const char *pat, int depth)
{
	char full[PATH_MAX];
	size_t skip = strlen(root_path);
	glob_t g;

	if (snprintf(full, sizeof(full), "%s%s%s", root_path,
		     pat[0] == '/' ? "" : "/etc/", pat) >= (int)sizeof(full))
		return;
	if (glob(full, 0, NULL, &g) != 0)
		return;
	for (size_t i = 0; i < g.gl_pathc; i++)
		read_conf(s, root_path, g.gl_pathv[i] + skip, depth + 1);
	globfree(&g);
}

static void conf_line(struct deps_search *s, const char *root_path, char *line,
		      int depth)
{
	size_t n;

	line[strcspn(line, "#\n")] = '\0';
	line += strspn(line, " \t");
	n = strcspn(line, " \t");
	if (strncmp(line, "include", n) == 0 && n == 7) {
		line += n + strspn(line + n, " \t");
		line[strcspn(line, " \t")] = '\0';
		if (line[0] != '\0')
			include(s, root_path, line, depth);
		return;
	}
	add_dir(s, line, n);
}

static void read_conf(struct deps_search *s, const char *root_path,
		      const char *file, int depth)
{
	char line[1024];
	int fd;
	FILE *f;

	if (depth > 4)
		return;
	fd = jt_open_in(s->root_fd, file, O_RDONLY);
	if (fd < 0)
		return;
	f = fdopen(fd, "r");
	if (f == NULL) {
		close(fd);
		return;
	}
	while (fgets(line, sizeof(line), f) != NULL)
		conf_line(s, root_path, line, depth);
	fclose(f);
}

void deps_init(struct deps_search *s, int root_fd, const char *root_path)
{
	s->root_fd = root_fd;
	s->n_conf = 0;
	read_conf(s, root_path, "/etc/ld.so.conf", 0);
}

bool deps_exists(const struct deps_search *s, const char *path)
{
	int fd = jt_open_in(s->root_fd, path, O_PATH);

	if (fd < 0)
		return false;
	close(fd);
	return true;
}

/* A candidate counts only if it is an ELF of the needer's class and machine. */
static bool usable(const struct deps_search *s, const char *path,
		   const struct elf_info *needer)
{
	uint16_t machine = 0;
	int fd = jt_open_in(s->root_fd, path, O_RDONLY);
	int cls;

	if (fd < 0)
		return false;
	cls = elf_class(fd, &machine);
	close(fd);
	return cls == 2 && machine == needer->machine;
}

/* dir with $ORIGIN / ${ORIGIN} replaced; false for other $ tokens. */
static bool expand(const char *dir, size_t n, const char *origin, char *out,
		   size_t cap)
{
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		const char *add = NULL;
		size_t skip = 0;

		if (strncmp(dir + i, "$ORIGIN", 7) == 0)
			add = origin, skip = 7;
		else if (strncmp(dir + i, "${ORIGIN}", 9) == 0)
			add = origin, skip = 9;
		else if (dir[i] == '$')
			return false;
		if (add == NULL) {
			if (o + 1 >= cap)
				return false;
			out[o++] = dir[i];
			continue;
		}
		if (o + strlen(add) >= cap)
			return false;
		memcpy(out + o, add, strlen(add));
		o += strlen(add);
		i += skip - 1;
	}
	out[o] = '\0';
	return true;
}

/* Search a ':'-separated list (DT_RPATH / DT_RUNPATH). */
static bool search_list(const struct deps_search *s, const char *list,
			const char *origin, const struct elf_info *needer,
			const char *name, char *out, size_t cap)
{
	char dir[PATH_MAX];

	for (const char *p = list; *p != '\0';) {
		size_t n = strcspn(p, ":");

		if (expand(p, n, origin, dir, sizeof(dir)) && dir[0] != '\0' &&
		    jt_join(out, cap, dir, name) && usable(s, out, needer))
			return true;
		p += n + (p[n] == ':');
	}
	return false;
}

static bool search_dirs(const struct deps_search *s, const char *const *dirs,
			size_t n, const struct elf_info *needer,
			const char *name, char *out, size_t cap)
{
	for (size_t i = 0; i < n; i++)
		if (jt_join(out, cap, dirs[i], name) && usable(s, out, needer))
			return true;
	return false;
}

static bool search_conf(const struct deps_search *s,
			const struct elf_info *needer, const char *name,
			char *out, size_t cap)
{
	for (size_t i = 0; i < s->n_conf; i++) {
		bool is_default = false;

		/* Those come last anyway, and need no ld.so.cache. */
		for (size_t k = 0; k < N_DEFAULT; k++)
			is_default = is_default ||
				     strcmp(s->conf[i], default_dirs[k]) == 0;
		if (!is_default && jt_join(out, cap, s->conf[i], name) &&
		    usable(s, out, needer))
			return true;
	}
	return false;
}

bool deps_find(const struct deps_search *s, const struct elf_info *needer,
	       const char *obj_path, const char *name, char *out, size_t cap,
	       bool *from_conf)
{
	char origin[PATH_MAX];
	const char *slash = strrchr(obj_path, '/');
	size_t on = slash != NULL ? (size_t)(slash - obj_path) : 0;

	*from_conf = false;
	if (strchr(name, '/') != NULL)
		return jt_copy(out, cap, name) && usable(s, out, needer);
	if (on >= sizeof(origin))
		return false;
	memcpy(origin, obj_path, on);
	origin[on] = '\0';
	if (needer->runpath[0] == '\0' &&
	    search_list(s, needer->rpath, origin, needer, name, out, cap))
		return true;
	if (search_list(s, needer->runpath, origin, needer, name, out, cap))
		return true;
	if (search_conf(s, needer, name, out, cap)) {
		*from_conf = true;
		return true;
	}
	return search_dirs(s, default_dirs, N_DEFAULT, needer, name, out, cap);
}
