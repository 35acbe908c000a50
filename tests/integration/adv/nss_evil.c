/*
 * A planted NSS module for tests/integration/adversarial.sh (security.md
 * A9; sudo's chroot CVE-2025-32463): built as libnss_cwtevil.so.2 and put
 * into the jail with an nsswitch.conf naming "cwtevil".  Whoever loads it
 * leaves markers saying with which ids it was loaded: in its root, in /tmp
 * and at HOST_MARKER (compile time, an absolute host path).  The wrapper
 * must never load it.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#ifndef HOST_MARKER
#define HOST_MARKER "/srv/cgiwrap-test/cwtevil-host-marker"
#endif

static void mark(const char *path)
{
	char line[96];
	int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	int n;

	if (fd < 0)
		return;
	n = snprintf(line, sizeof(line), "loaded pid=%ld uid=%ld euid=%ld\n",
		     (long)getpid(), (long)getuid(), (long)geteuid());
	if (n > 0)
		(void)!write(fd, line, (size_t)n);
	close(fd);
}

__attribute__((constructor))
static void cwtevil_loaded(void)
{
	mark("/cwtevil-marker");
	mark("/tmp/cwtevil-marker");
	mark(HOST_MARKER);
}

/* An entry point, so the module looks like a real passwd service. */
int _nss_cwtevil_getpwnam_r(const char *name, void *pw, char *buf,
			    size_t len, int *err);
int _nss_cwtevil_getpwnam_r(const char *name, void *pw, char *buf,
			    size_t len, int *err)
{
	(void)name;
	(void)pw;
	(void)buf;
	(void)len;
	*err = 0;
	return 0;	/* NSS_STATUS_NOTFOUND */
}
