/*
 * Parsing ELF ourselves, read-only and bounded: no ldd, which runs the
 * program's own loader (and so code from the file) to answer.
 */
#include <string.h>
#include <unistd.h>

#include "elf.h"

#define PT_LOAD_ 1
#define PT_DYNAMIC_ 2
#define PT_INTERP_ 3
#define DT_NULL_ 0
#define DT_NEEDED_ 1
#define DT_STRTAB_ 5
#define DT_STRSZ_ 10
#define DT_RPATH_ 15
#define DT_RUNPATH_ 29
#define MAX_PHNUM 512
#define MAX_DYN 8192

struct phdr {
	uint32_t type;
	uint64_t offset, vaddr, filesz;
};

static uint16_t le16(const unsigned char *b)
{
	return (uint16_t)(b[0] | b[1] << 8);
}

static uint32_t le32(const unsigned char *b)
{
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
	       (uint32_t)b[3] << 24;
}

static uint64_t le64(const unsigned char *b)
{
	return (uint64_t)le32(b) | (uint64_t)le32(b + 4) << 32;
}

static bool read_at(int fd, void *buf, size_t n, uint64_t off)
{
	return off <= (uint64_t)INT64_MAX - n &&
	       pread(fd, buf, n, (off_t)off) == (ssize_t)n;
}

int elf_class(int fd, uint16_t *machine)
{
	unsigned char eh[20];

	if (!read_at(fd, eh, sizeof(eh), 0) || memcmp(eh, "\177ELF", 4) != 0)
		return 0;
	if (machine != NULL)
		*machine = le16(eh + 18);
	return eh[4] == 2 && eh[5] == 1 ? 2 : 1;
}

static bool read_phdr(int fd, uint64_t off, struct phdr *ph)
{
	unsigned char b[56];

	if (!read_at(fd, b, sizeof(b), off))
		return false;
	ph->type = le32(b);
	ph->offset = le64(b + 8);
	ph->vaddr = le64(b + 16);
	ph->filesz = le64(b + 32);
	return true;
}

/* A NUL-terminated string of at most cap-1 bytes at off; false if longer. */
static bool read_string(int fd, uint64_t off, char *out, size_t cap)
{
	ssize_t n = off <= (uint64_t)INT64_MAX ? pread(fd, out, cap, (off_t)off) : -1;

	if (n <= 0)
		return false;
	if (memchr(out, '\0', (size_t)n) == NULL)
		return false;
	return true;
}

/* The file offset of a virtual address, through the PT_LOAD segments. */
static bool vaddr_to_off(int fd, uint64_t phoff, unsigned int phnum,
			 uint64_t vaddr, uint64_t *off)
{
	struct phdr ph;

	for (unsigned int i = 0; i < phnum; i++) {
		if (!read_phdr(fd, phoff + (uint64_t)i * 56, &ph))
			return false;
		if (ph.type == PT_LOAD_ && vaddr >= ph.vaddr &&
		    vaddr - ph.vaddr < ph.filesz) {
			*off = vaddr - ph.vaddr + ph.offset;
			return true;
		}
	}
	return false;
}

struct dyn_refs {
	uint64_t strtab, strsz;
	uint64_t needed[ELF_MAX_NEEDED];
	size_t n_needed;
	bool has_rpath, has_runpath;
	uint64_t rpath, runpath;
};

static bool scan_dynamic(int fd, const struct phdr *dyn, struct dyn_refs *d)
{
	unsigned char e[16];
	uint64_t n = dyn->filesz / 16;

	for (uint64_t i = 0; i < n && i < MAX_DYN; i++) {
		if (!read_at(fd, e, sizeof(e), dyn->offset + i * 16))
			return false;
		switch (le64(e)) {
		case DT_NULL_: return true;
		case DT_NEEDED_:
			if (d->n_needed == ELF_MAX_NEEDED)
				return false;
			d->needed[d->n_needed++] = le64(e + 8);
			break;
		case DT_STRTAB_: d->strtab = le64(e + 8); break;
		case DT_STRSZ_: d->strsz = le64(e + 8); break;
		case DT_RPATH_: d->has_rpath = true; d->rpath = le64(e + 8); break;
		case DT_RUNPATH_: d->has_runpath = true; d->runpath = le64(e + 8); break;
		default: break;
		}
	}
	return true;
}

static bool dyn_string(int fd, uint64_t stroff, const struct dyn_refs *d,
		       uint64_t idx, char *out, size_t cap)
{
	return idx < d->strsz && read_string(fd, stroff + idx, out, cap);
}

static bool read_dynamic(int fd, uint64_t phoff, unsigned int phnum,
			 const struct phdr *dyn, struct elf_info *info)
{
	static struct dyn_refs d;
	uint64_t stroff;

	memset(&d, 0, sizeof(d));
	if (!scan_dynamic(fd, dyn, &d) ||
	    !vaddr_to_off(fd, phoff, phnum, d.strtab, &stroff))
		return false;
	for (size_t i = 0; i < d.n_needed; i++)
		if (!dyn_string(fd, stroff, &d, d.needed[i], info->needed[i],
				ELF_MAX_NAME))
			return false;
	info->n_needed = d.n_needed;
	if (d.has_rpath && !dyn_string(fd, stroff, &d, d.rpath, info->rpath,
				       sizeof(info->rpath)))
		return false;
	return !d.has_runpath || dyn_string(fd, stroff, &d, d.runpath,
					   info->runpath, sizeof(info->runpath));
}

static bool read_interp(int fd, const struct phdr *ph, struct elf_info *info)
{
	if (ph->filesz == 0 || ph->filesz > sizeof(info->interp) ||
	    !read_at(fd, info->interp, (size_t)ph->filesz, ph->offset))
		return false;
	info->interp[ph->filesz - 1] = '\0';
	info->has_interp = true;
	return true;
}

static bool read_segments(int fd, uint64_t phoff, unsigned int phnum,
			  struct elf_info *info)
{
	struct phdr ph;

	for (unsigned int i = 0; i < phnum; i++) {
		if (!read_phdr(fd, phoff + (uint64_t)i * 56, &ph))
			return false;
		if (ph.type == PT_INTERP_ && !read_interp(fd, &ph, info))
			return false;
		if (ph.type == PT_DYNAMIC_ &&
		    !read_dynamic(fd, phoff, phnum, &ph, info))
			return false;
	}
	return true;
}

void elf_read(int fd, struct elf_info *info)
{
	unsigned char eh[64];
	unsigned int phnum;

	memset(info, 0, sizeof(*info));
	info->kind = ELF_NOT_ELF;
	if (!read_at(fd, eh, sizeof(eh), 0) || memcmp(eh, "\177ELF", 4) != 0)
		return;
	info->kind = ELF_UNSUPPORTED;
	if (eh[4] != 2 || eh[5] != 1)
		return;
	info->kind = ELF_MALFORMED;
	info->type = le16(eh + 16);
	info->machine = le16(eh + 18);
	phnum = le16(eh + 56);
	if (phnum > MAX_PHNUM || (phnum > 0 && le16(eh + 54) != 56))
		return;
	if (read_segments(fd, le64(eh + 32), phnum, info))
		info->kind = ELF_OK;
}

bool elf_shebang(int fd, char *out, size_t cap, char *arg, size_t argcap)
{
	char buf[256];
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
	size_t i = 2, len, alen;

	if (n < 2 || buf[0] != '#' || buf[1] != '!')
		return false;
	buf[n] = '\0';
	while (buf[i] == ' ' || buf[i] == '\t')
		i++;
	len = strcspn(buf + i, " \t\r\n");
	if (len == 0 || len >= cap)
		return false;
	memcpy(out, buf + i, len);
	out[len] = '\0';
	i += len;
	while (buf[i] == ' ' || buf[i] == '\t')
		i++;
	alen = strcspn(buf + i, " \t\r\n");
	if (alen >= argcap)
		alen = 0;
	memcpy(arg, buf + i, alen);
	arg[alen] = '\0';
	return true;
}
