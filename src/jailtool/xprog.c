/*
 * explain, the last step: what execve would need inside the jail, as
 * run.c diagnoses an exec failure (the "#!" interpreter, the ELF loader),
 * plus the libraries the loader will then look for.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "deps.h"
#include "elf.h"
#include "explain.h"
#include "jt.h"
#include "script.h"

#define MAX_OBJECTS 256
#define MAX_SHEBANG_DEPTH 4

struct libs {
	struct deps_search search;
	char seen[MAX_OBJECTS][PATH_MAX];
	size_t n_seen;
	size_t missing;
};

static bool known(const struct libs *l, const char *path)
{
	for (size_t i = 0; i < l->n_seen; i++)
		if (strcmp(l->seen[i], path) == 0)
			return true;
	return false;
}

/* The libraries of path and, recursively, theirs. */
static void libraries(struct libs *l, const char *path, int depth)
{
	static struct elf_info info[8];
	char lib[PATH_MAX];
	bool conf;
	int fd;

	if (depth >= 8 || known(l, path) || l->n_seen == MAX_OBJECTS)
		return;
	(void)jt_copy(l->seen[l->n_seen++], PATH_MAX, path);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	elf_read(fd, &info[depth]);
	close(fd);
	for (size_t i = 0; i < info[depth].n_needed; i++) {
		const char *name = info[depth].needed[i];

		if (!deps_find(&l->search, &info[depth], path, name, lib,
			       sizeof(lib), &conf)) {
			printf("missing: library %s (needed by %s)\n", name, path);
			l->missing++;
			continue;
		}
		if (known(l, lib))
			continue;
		printf("ok: library %s: %s\n", name, lib);
		libraries(l, lib, depth + 1);
	}
}

/* An ELF program: its loader must exist (else exec fails), then libraries. */
static int elf_program(const char *path, const struct elf_info *info)
{
	static struct libs l;

	if (info->has_interp && access(info->interp, X_OK) != 0) {
		explain_line(R_EXEC_FAILED, "the program loader %s of %s: %m "
			     "inside the jail", info->interp, path);
		return reason_exit_code(R_EXEC_FAILED);
	}
	if (info->has_interp)
		explain_line(R_NONE, "the program loader %s", info->interp);
	deps_init(&l.search, -1, "");
	libraries(&l, path, 0);
	return l.missing == 0 ? JT_EXIT_OK : JT_EXIT_LIBS;
}

static int program(const char *path, const char *what, int depth);

static int shebang_program(const char *path, const char *interp, int depth)
{
	explain_info("%s starts with #!%s", path, interp);
	if (depth >= MAX_SHEBANG_DEPTH) {
		explain_line(R_EXEC_FAILED, "too many nested #! interpreters");
		return reason_exit_code(R_EXEC_FAILED);
	}
	return program(interp, "the #! interpreter", depth + 1);
}

static int program(const char *path, const char *what, int depth)
{
	static struct elf_info info;
	char interp[PATH_MAX], arg[NAME_MAX + 1];
	int fd;

	if (access(path, X_OK) != 0) {
		explain_line(R_EXEC_FAILED, "%s %s: %m inside the jail (exec "
			     "would fail)", what, path);
		return reason_exit_code(R_EXEC_FAILED);
	}
	explain_line(R_NONE, "%s %s exists and may be executed", what, path);
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		explain_info("%s cannot be read (%m): not examined further", path);
		return JT_EXIT_OK;
	}
	elf_read(fd, &info);
	if (info.kind == ELF_NOT_ELF && elf_shebang(fd, interp, sizeof(interp),
						    arg, sizeof(arg))) {
		close(fd);
		return shebang_program(path, interp, depth);
	}
	close(fd);
	switch (info.kind) {
	case ELF_OK: return elf_program(path, &info);
	case ELF_NOT_ELF:
		explain_line(R_EXEC_FAILED, "%s has no #! line and is not a "
			     "program (ENOEXEC)", path);
		return reason_exit_code(R_EXEC_FAILED);
	case ELF_UNSUPPORTED:
	case ELF_MALFORMED:
		explain_info("%s is not a 64-bit little-endian ELF file: its "
			     "libraries are not examined", path);
		return JT_EXIT_OK;
	}
	return JT_EXIT_OK;
}

void explain_program(const struct state *st, int dirfd, const char *name,
		     const struct stat *sb)
{
	char self[NAME_MAX + 3];
	const char *interp = script_interpreter_path(
		script_interpreter(name, false, sb->st_mode, st->policy),
		st->policy);
	int code;

	if (fchdir(dirfd) != 0) {
		explain_line(R_INTERNAL, "fchdir to the script's directory: %m");
		fflush(stdout);
		exit(reason_exit_code(R_INTERNAL));
	}
	snprintf(self, sizeof(self), "./%s", name);
	if (interp != NULL)
		code = program(interp, "the build's interpreter for this suffix", 0);
	else
		code = program(self, "the script", 0);
	fflush(stdout);
	exit(code);
}
