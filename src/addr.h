/* IP addresses and networks (pure): strict parsing and matching (spec 7.2). */
#ifndef CGIWRAP_ADDR_H
#define CGIWRAP_ADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "request.h"

/* "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255" */
#define IPADDR_MAX_TEXT 45

/* An IPv4 address in b[0..3] (v4), or an IPv6 address in b[0..15]. */
struct ipaddr {
	uint8_t b[16];
	bool v4;
};

/* A spec: matches when (addr & mask) == (client & mask), same width. */
struct ipnet {
	struct ipaddr addr;
	uint8_t mask[16];
};

/* Parse an IPv6 address if the text has a ':', else a strict dotted IPv4. */
bool ipaddr_parse(const char *p, size_t len, struct ipaddr *a);

/* Parse a.b.c.d, a.b.c.d/m.m.m.m, a.b.c.d/N, ipv6 or ipv6/N. */
bool ipnet_parse(struct span s, struct ipnet *net);

/* Whether client c is in net (IPv4 nets also hold IPv4-mapped clients). */
bool ipnet_contains(const struct ipnet *net, const struct ipaddr *c);

#endif
