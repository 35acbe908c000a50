/*
 * Fuzz target: addresses and networks (ipaddr_parse, ipnet_parse,
 * ipnet_contains), checked against glibc's inet_pton, which is as strict
 * (no leading zeros, exactly four octets, RFC 4291 text): both must accept
 * the same texts and give the same bytes.
 *
 * Input: a network spec up to the first '\n', then a client address (any
 * bytes, NULs included).
 */
#include <arpa/inet.h>

#include "fuzz.h"
#include "addr.h"

static void check_addr(const char *p, size_t len)
{
	struct ipaddr a;
	bool ok = ipaddr_parse(p, len, &a);
	char *z = malloc(len + 1);
	uint8_t ref[16];
	int rv;

	if (z == NULL)
		abort();
	memcpy(z, p, len);
	z[len] = '\0';
	if (memchr(p, '\0', len) != NULL) {
		/* inet_pton would read a shorter text: ours must refuse. */
		FUZZ_CHECK(!ok);
		free(z);
		return;
	}
	if (memchr(p, ':', len) != NULL)
		rv = inet_pton(AF_INET6, z, ref);
	else
		rv = inet_pton(AF_INET, z, ref);
	FUZZ_CHECK(ok == (rv == 1));
	if (ok) {
		FUZZ_CHECK(len <= IPADDR_MAX_TEXT);
		FUZZ_CHECK(a.v4 == (memchr(p, ':', len) == NULL));
		FUZZ_CHECK(memcmp(a.b, ref, a.v4 ? 4 : 16) == 0);
	}
	free(z);
}

/* The number of leading one bits of mask[0..width), if contiguous; else -1. */
static int prefix_len(const uint8_t *mask, size_t width)
{
	size_t i;
	int bits = 0;
	bool zero_seen = false;

	for (i = 0; i < width * 8; i++) {
		bool one = (mask[i / 8] >> (7 - i % 8)) & 1;

		if (one && zero_seen)
			return -1;
		if (one)
			bits++;
		else
			zero_seen = true;
	}
	return bits;
}

static bool ref_contains(const struct ipnet *n, const struct ipaddr *c)
{
	static const uint8_t mapped[12] = { [10] = 0xff, [11] = 0xff };
	const uint8_t *a;
	size_t i, w = n->addr.v4 ? 4 : 16;

	if (n->addr.v4)
		a = c->v4 ? c->b : memcmp(c->b, mapped, 12) == 0 ? c->b + 12 : NULL;
	else
		a = c->v4 ? NULL : c->b;
	if (a == NULL)
		return false;
	for (i = 0; i < w; i++)
		if ((a[i] ^ n->addr.b[i]) & n->mask[i])
			return false;
	return true;
}

static void check_net(struct span s, const struct ipaddr *client, bool cok)
{
	struct ipnet net;
	const char *slash = memchr(s.p, '/', s.len);
	size_t alen = slash != NULL ? (size_t)(slash - s.p) : s.len;
	struct ipaddr self;
	size_t w, i;
	int bits;

	if (!ipnet_parse(s, &net))
		return;
	/* The address part alone parses the same. */
	FUZZ_CHECK(ipaddr_parse(s.p, alen, &self));
	FUZZ_CHECK(self.v4 == net.addr.v4 && memcmp(self.b, net.addr.b, 16) == 0);
	w = net.addr.v4 ? 4 : 16;
	bits = prefix_len(net.mask, w);
	FUZZ_CHECK(bits >= 0);
	for (i = w; i < 16; i++)
		FUZZ_CHECK(net.mask[i] == 0);
	if (slash == NULL)
		FUZZ_CHECK(bits == (int)(w * 8));
	/* A network holds its own address, and IPv4 ones its mapped form. */
	FUZZ_CHECK(ipnet_contains(&net, &net.addr));
	if (net.addr.v4) {
		struct ipaddr m = { { [10] = 0xff, [11] = 0xff }, false };

		memcpy(m.b + 12, net.addr.b, 4);
		FUZZ_CHECK(ipnet_contains(&net, &m));
	}
	if (cok)
		FUZZ_CHECK(ipnet_contains(&net, client) == ref_contains(&net, client));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	size_t slen, clen;
	char *spec = fuzz_field(&in, '\n', &slen);
	char *cl = fuzz_rest(&in, &clen);
	struct span s = { spec, slen };
	struct ipaddr client;
	bool cok = ipaddr_parse(cl, clen, &client);

	check_addr(spec, slen);
	check_addr(cl, clen);
	check_net(s, &client, cok);
	free(spec);
	free(cl);
	return 0;
}
