/* Reading what an ELF file needs to run: loader, libraries, search paths. */
#ifndef CGIWRAP_ELF_H
#define CGIWRAP_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ELF_MAX_NEEDED 128
#define ELF_MAX_NAME 256
#define ELF_MAX_PATHLIST 2048

enum elf_kind {
	ELF_NOT_ELF,		/* no ELF magic: a script or data */
	ELF_UNSUPPORTED,	/* ELF, but not 64-bit little-endian */
	ELF_MALFORMED,		/* ELF64 LE whose headers do not make sense */
	ELF_OK,
};

struct elf_info {
	enum elf_kind kind;
	uint16_t type;			/* ET_EXEC, ET_DYN, ... */
	uint16_t machine;		/* EM_X86_64, ... */
	bool has_interp;
	char interp[ELF_MAX_NAME];	/* PT_INTERP: the program loader */
	size_t n_needed;
	char needed[ELF_MAX_NEEDED][ELF_MAX_NAME];	/* DT_NEEDED */
	char rpath[ELF_MAX_PATHLIST];	/* DT_RPATH, "" if none */
	char runpath[ELF_MAX_PATHLIST];	/* DT_RUNPATH, "" if none */
};

/*
 * Read the ELF headers of the open file fd (64-bit little-endian only):
 * PT_INTERP, and from PT_DYNAMIC the DT_NEEDED names and DT_RPATH and
 * DT_RUNPATH.  Fills *info; info->kind tells what the file is.
 */
void elf_read(int fd, struct elf_info *info);

/* Whether the file at fd starts with "#!"; the interpreter path to out. */
bool elf_shebang(int fd, char *out, size_t cap, char *arg, size_t argcap);

/* The ELF class byte of fd's file (1: 32-bit, 2: 64-bit), 0 if not ELF. */
int elf_class(int fd, uint16_t *machine);

#endif
