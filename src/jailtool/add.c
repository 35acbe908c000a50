/*
 * "add": programs into the jail at their host paths, with everything they
 * load: the ELF loader (PT_INTERP), each DT_NEEDED library (recursively),
 * and the "#!" interpreter of scripts.  Presets for sh, perl and python3.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "deps.h"
#include "elf.h"
#include "mirror.h"

#define MAX_SEEN 65536
#define MAX_NEST 32

#define SEEN_ARENA (4 * 1024 * 1024)

struct add_ctx {
	struct deps_search host;
	size_t seen[MAX_SEEN];		/* offsets into arena */
	size_t n_seen, used;
	char arena[SEEN_ARENA];
	bool used_conf;		/* a library came from an ld.so.conf directory */
};

/* The sh preset: the shell and a few programs CGI shell scripts often use. */
static const char *const preset_sh[] = {
	"/bin/sh", "/usr/bin/cat", "/usr/bin/env", "/usr/bin/id",
	"/usr/bin/ls", "/usr/bin/date", NULL,
};

/* Whether path was met before; records it (a full table means "no"). */
static bool seen(struct add_ctx *c, const char *path)
{
	size_t n = strlen(path) + 1;

	for (size_t i = 0; i < c->n_seen; i++)
		if (strcmp(c->arena + c->seen[i], path) == 0)
			return true;
	if (c->n_seen == MAX_SEEN || c->used + n > SEEN_ARENA)
		return false;
	memcpy(c->arena + c->used, path, n);
	c->seen[c->n_seen++] = c->used;
	c->used += n;
	return false;
}

static bool add_object(struct jt *jt, struct add_ctx *c, const char *path,
		       int nest);

/* "#!/usr/bin/env NAME": NAME as the script's PATH would find it. */
static bool add_env_target(struct jt *jt, struct add_ctx *c, const char *name,
			   int nest)
{
	const char *p = jt->policy.setenv_path;
	char cand[PATH_MAX];

	if (name[0] == '\0' || name[0] == '-' || strchr(name, '/') != NULL)
		return true;
	while (*p != '\0') {
		size_t n = strcspn(p, ":");

		if (n > 0 && n < sizeof(cand) - 1 - strlen(name)) {
			snprintf(cand, sizeof(cand), "%.*s/%s", (int)n, p, name);
			if (access(cand, X_OK) == 0)
				return add_object(jt, c, cand, nest + 1);
		}
		p += n + (p[n] == ':');
	}
	return jt_error("%s (named after #!/usr/bin/env) is not on the "
			"script PATH %s", name, jt->policy.setenv_path);
}

static bool add_script(struct jt *jt, struct add_ctx *c, int fd,
		       const char *path, int nest)
{
	char interp[PATH_MAX], arg[NAME_MAX + 1];
	const char *base;

	if (!elf_shebang(fd, interp, sizeof(interp), arg, sizeof(arg)))
		return true;	/* data, or a script without #!: nothing needed */
	if (interp[0] != '/')
		return jt_error("%s: #! names a relative interpreter", path);
	if (!add_object(jt, c, interp, nest + 1))
		return false;
	base = strrchr(interp, '/') + 1;
	return strcmp(base, "env") != 0 || add_env_target(jt, c, arg, nest);
}

static bool add_elf(struct jt *jt, struct add_ctx *c,
		    const struct elf_info *info, const char *path, int nest)
{
	char lib[PATH_MAX];
	bool ok = true, conf;

	if (info->has_interp)
		ok = add_object(jt, c, info->interp, nest + 1);
	for (size_t i = 0; ok && i < info->n_needed; i++) {
		if (!deps_find(&c->host, info, path, info->needed[i], lib,
			       sizeof(lib), &conf))
			return jt_error("%s: needs %s, which is not found on "
					"the host", path, info->needed[i]);
		c->used_conf = c->used_conf || conf;
		ok = add_object(jt, c, lib, nest + 1);
	}
	return ok;
}

static bool add_file(struct jt *jt, struct add_ctx *c, const char *path,
		     int nest)
{
	struct elf_info *info = malloc(sizeof(*info));
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	bool ok = false;

	if (info == NULL || fd < 0) {
		jt_error("%s: %m", path);
	} else {
		elf_read(fd, info);
		switch (info->kind) {
		case ELF_OK: ok = add_elf(jt, c, info, path, nest); break;
		case ELF_NOT_ELF: ok = add_script(jt, c, fd, path, nest); break;
		case ELF_UNSUPPORTED:
			jt_error("%s: not a 64-bit little-endian ELF file "
				 "(the only kind cgiwrap-jail reads)", path);
			break;
		case ELF_MALFORMED:
			jt_error("%s: malformed ELF headers", path);
			break;
		}
	}
	if (fd >= 0)
		close(fd);
	free(info);
	return ok;
}

/*
 * What was asked for, once it is in: "added" if the jail changed since the
 * count was before (the object or something it needs that this run had
 * not brought in yet), else "unchanged".
 */
static void say_done(unsigned long before, const char *what, const char *tail)
{
	jt_say("%s %s%s", mirror_changes() != before ? "added" : "unchanged",
	       what, tail);
}

/* path (and all it needs) into the jail, once. */
static bool add_object(struct jt *jt, struct add_ctx *c, const char *path,
		       int nest)
{
	char final[PATH_MAX];
	struct stat sb;
	unsigned long before = mirror_changes();

	if (nest > MAX_NEST)
		return jt_error("%s: dependencies nested too deep", path);
	if (seen(c, path))
		return true;
	/* Names from ELF files may hold "..", as in $ORIGIN/../lib. */
	if (nest == 0 ? !jt_path_clean(path) : path[0] != '/')
		return jt_error("%s: not a clean absolute path (no PATH lookup "
				"is done: give /usr/bin/NAME)", path);
	if (!mirror_path(jt, path, final, sizeof(final)))
		return false;
	if ((strcmp(final, path) != 0 && seen(c, final)) ||
	    stat(final, &sb) != 0 || !S_ISREG(sb.st_mode))
		return true;
	if (!add_file(jt, c, final, nest))
		return false;
	if (nest == 0)
		say_done(before, path, "");
	return true;
}

/* Tree callback: ELF files (perl XS modules, python extensions) need libs. */
static bool add_tree_file(struct jt *jt, const char *path, void *ctx)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	int cls = fd >= 0 ? elf_class(fd, NULL) : 0;

	if (fd >= 0)
		close(fd);
	/* Other files in a library tree are data, whatever their #! says. */
	return cls != 2 || add_object(jt, ctx, path, 1);
}

/*
 * Python's config-X.Y-<arch> holds what embedding and building extensions
 * need (a 20 MB static library): nothing a CGI script runs.
 */
static bool skip_python_build(const char *name)
{
	return strncmp(name, "config-", 7) == 0;
}

static bool add_dir_tree(struct jt *jt, struct add_ctx *c, const char *dir,
			 mirror_skip_fn skip)
{
	struct stat sb;
	unsigned long before = mirror_changes();

	if (!jt_path_clean(dir) || stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return true;	/* only directories that exist */
	if (!mirror_tree(jt, dir, skip, add_tree_file, c))
		return false;
	say_done(before, dir, "/ (tree)");
	return true;
}

/* Each line of text (a directory list a program printed) as a tree. */
static bool add_dir_lines(struct jt *jt, struct add_ctx *c, char *text,
			  mirror_skip_fn skip)
{
	bool ok = true;

	for (char *line = strtok(text, "\n"); ok && line != NULL;
	     line = strtok(NULL, "\n"))
		ok = add_dir_tree(jt, c, line, skip);
	return ok;
}

static bool preset_perl(struct jt *jt, struct add_ctx *c)
{
	static const char *const argv[] = {
		"/usr/bin/perl", "-e", "print join \"\\n\", @INC", NULL,
	};
	static char inc[16384];

	if (!add_object(jt, c, argv[0], 0))
		return false;
	if (!jt_capture(argv, inc, sizeof(inc)))
		return jt_error("running %s to list @INC failed", argv[0]);
	return add_dir_lines(jt, c, inc, NULL);
}

static bool preset_python3(struct jt *jt, struct add_ctx *c)
{
	static const char *const argv[] = {
		"/usr/bin/python3", "-I", "-c",
		"import sysconfig; print(sysconfig.get_paths()['stdlib'])", NULL,
	};
	static char dir[PATH_MAX + 1];

	if (!add_object(jt, c, argv[0], 0))
		return false;
	if (!jt_capture(argv, dir, sizeof(dir)))
		return jt_error("running %s to find its library failed", argv[0]);
	return add_dir_lines(jt, c, dir, skip_python_build);
}

static bool preset(struct jt *jt, struct add_ctx *c, const char *name)
{
	bool ok = true;

	if (strcmp(name, "perl") == 0)
		return preset_perl(jt, c);
	if (strcmp(name, "python3") == 0)
		return preset_python3(jt, c);
	if (strcmp(name, "sh") != 0)
		return jt_error("unknown preset %s (sh, perl, python3)", name);
	for (size_t i = 0; ok && preset_sh[i] != NULL; i++)
		ok = add_object(jt, c, preset_sh[i], 0);
	return ok;
}

/* The loader finds ld.so.conf directories through its cache only. */
static bool add_ld_cache(struct jt *jt)
{
	unsigned long before = mirror_changes();

	if (!mirror_path(jt, "/etc/ld.so.conf", NULL, 0) ||
	    !mirror_tree(jt, "/etc/ld.so.conf.d", NULL, NULL, NULL) ||
	    !mirror_path(jt, "/etc/ld.so.cache", NULL, 0))
		return false;
	say_done(before, "/etc/ld.so.conf, /etc/ld.so.conf.d, /etc/ld.so.cache",
		 " (a library came from an ld.so.conf directory)");
	return true;
}

int cmd_add(struct jt *jt, int argc, char **argv)
{
	static struct add_ctx c;
	bool ok = true;
	int i;

	if (argc < 1) {
		jt_error("usage: add [--preset sh|perl|python3]... [PROGRAM...]");
		return JT_EXIT_USAGE;
	}
	deps_init(&c.host, -1, "");
	for (i = 0; ok && i < argc; i++) {
		if (strcmp(argv[i], "--preset") == 0 && i + 1 < argc)
			ok = preset(jt, &c, argv[++i]);
		else if (strncmp(argv[i], "--preset=", 9) == 0)
			ok = preset(jt, &c, argv[i] + 9);
		else
			ok = add_object(jt, &c, argv[i], 0);
	}
	if (ok && c.used_conf)
		ok = add_ld_cache(jt);
	return ok ? JT_EXIT_OK : JT_EXIT_FAIL;
}
