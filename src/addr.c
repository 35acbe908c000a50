/* Strict address parsing: no inet_aton() leniency (octal, short forms). */
#include <string.h>

#include "addr.h"

/*
 * 1-3 decimal digits, value <= max, no leading zero but "0" itself:
 * inet_aton() reads "010" as 8, so such a spec would mean different things
 * to the admin and to other tools.
 */
static bool parse_dec(const char *p, size_t len, unsigned max, unsigned *v)
{
	size_t i;

	*v = 0;
	if (len == 0 || len > 3 || (len > 1 && p[0] == '0'))
		return false;
	for (i = 0; i < len; i++) {
		if (p[i] < '0' || p[i] > '9')
			return false;
		*v = *v * 10 + (unsigned)(p[i] - '0');
	}
	return *v <= max;
}

/* Exactly four decimal octets 0-255 separated by '.'; nothing else. */
static bool parse_v4(const char *p, size_t len, uint8_t out[4])
{
	size_t i, start = 0, part = 0;
	unsigned v;

	for (i = 0; i <= len; i++) {
		if (i < len && p[i] != '.')
			continue;
		if (part == 4 || !parse_dec(p + start, i - start, 255, &v))
			return false;
		out[part++] = (uint8_t)v;
		start = i + 1;
	}
	return part == 4;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* One IPv6 group: 1-4 hex digits, big-endian into out[0..1]. */
static bool parse_group(const char *p, size_t len, uint8_t out[2])
{
	unsigned v = 0;
	size_t i;

	if (len == 0 || len > 4)
		return false;
	for (i = 0; i < len; i++) {
		int d = hex_digit(p[i]);

		if (d < 0)
			return false;
		v = v << 4 | (unsigned)d;
	}
	out[0] = (uint8_t)(v >> 8);
	out[1] = (uint8_t)(v & 0xff);
	return true;
}

/*
 * The ':'-separated groups of p[0..len) into out, at most room bytes; the
 * last may be a dotted quad when tail_v4.  An empty text is no groups.
 */
static bool parse_groups(const char *p, size_t len, bool tail_v4,
			 uint8_t *out, size_t room, size_t *n)
{
	size_t i, start = 0;

	*n = 0;
	for (i = 0; len > 0 && i <= len; i++) {
		const char *g = p + start;
		size_t glen = i - start;

		if (i < len && p[i] != ':')
			continue;
		if (i == len && tail_v4 && memchr(g, '.', glen) != NULL) {
			if (room - *n < 4 || !parse_v4(g, glen, out + *n))
				return false;
			*n += 4;
			return true;
		}
		if (room - *n < 2 || !parse_group(g, glen, out + *n))
			return false;
		*n += 2;
		start = i + 1;
	}
	return true;
}

/* RFC 4291 text: eight groups, or fewer around one "::" (one or more). */
static bool parse_v6(const char *p, size_t len, uint8_t out[16])
{
	uint8_t head[16], tail[16];
	size_t gap = 0, nh, nt;

	memset(out, 0, 16);
	while (gap + 1 < len && !(p[gap] == ':' && p[gap + 1] == ':'))
		gap++;
	if (gap + 1 >= len)
		return parse_groups(p, len, true, out, 16, &nh) && nh == 16;
	if (!parse_groups(p, gap, false, head, 14, &nh) ||
	    !parse_groups(p + gap + 2, len - gap - 2, true, tail, 14 - nh,
			  &nt))
		return false;
	memcpy(out, head, nh);
	memcpy(out + 16 - nt, tail, nt);
	return true;
}

/* IPv6 if the text has a ':', else IPv4. */
bool ipaddr_parse(const char *p, size_t len, struct ipaddr *a)
{
	memset(a, 0, sizeof(*a));
	if (len > IPADDR_MAX_TEXT)
		return false;
	a->v4 = memchr(p, ':', len) == NULL;
	return a->v4 ? parse_v4(p, len, a->b) : parse_v6(p, len, a->b);
}

/* A dotted mask must be ones then zeros: 255.0.255.0 is surely a typo. */
static bool mask_contiguous(const uint8_t m[4])
{
	uint32_t inv = ~((uint32_t)m[0] << 24 | (uint32_t)m[1] << 16 |
			 (uint32_t)m[2] << 8 | (uint32_t)m[3]);

	return (inv & (inv + 1)) == 0;
}

static void prefix_mask(unsigned bits, uint8_t *mask, size_t width)
{
	size_t i;

	for (i = 0; i < width; i++) {
		unsigned take = bits > 8 ? 8 : bits;

		mask[i] = (uint8_t)((0xff00u >> take) & 0xff);
		bits -= take;
	}
}

/* a.b.c.d, a.b.c.d/m.m.m.m, a.b.c.d/N, ipv6, ipv6/N; host bits may be set. */
bool ipnet_parse(struct span s, struct ipnet *net)
{
	const char *slash = memchr(s.p, '/', s.len);
	size_t alen = slash != NULL ? (size_t)(slash - s.p) : s.len;
	size_t width;
	struct span m;
	unsigned bits;

	memset(net->mask, 0, sizeof(net->mask));
	if (!ipaddr_parse(s.p, alen, &net->addr))
		return false;
	width = net->addr.v4 ? 4 : 16;
	if (slash == NULL) {
		memset(net->mask, 0xff, width);
		return true;
	}
	m.p = slash + 1;
	m.len = s.len - alen - 1;
	if (net->addr.v4 && memchr(m.p, '.', m.len) != NULL)
		return parse_v4(m.p, m.len, net->mask) &&
		       mask_contiguous(net->mask);
	if (!parse_dec(m.p, m.len, net->addr.v4 ? 32 : 128, &bits))
		return false;
	prefix_mask(bits, net->mask, width);
	return true;
}

/* The client's IPv4 address: its own, or that of ::ffff:a.b.c.d; else NULL. */
static const uint8_t *client_v4(const struct ipaddr *c)
{
	static const uint8_t mapped[12] = {
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff,
	};

	if (c->v4)
		return c->b;
	return memcmp(c->b, mapped, sizeof(mapped)) == 0 ? c->b + 12 : NULL;
}

/* IPv4 specs match IPv4 and IPv4-mapped clients; IPv6 specs IPv6 clients. */
bool ipnet_contains(const struct ipnet *net, const struct ipaddr *c)
{
	const uint8_t *a = net->addr.v4 ? client_v4(c) : c->v4 ? NULL : c->b;
	size_t i, width = net->addr.v4 ? 4 : 16;

	if (a == NULL)
		return false;
	for (i = 0; i < width; i++)
		if ((a[i] & net->mask[i]) != (net->addr.b[i] & net->mask[i]))
			return false;
	return true;
}
