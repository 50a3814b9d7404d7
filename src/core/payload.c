/* The record encoding of a bundle's plaintext (docket/payload.h). */
#include <stdint.h>
#include <string.h>

#include "docket/payload.h"

#define NULL_LEN 0xffffffffu

static void
put_u32(struct dk_buf *out, uint32_t v)
{
	char b[4] = {(char)(v & 0xff), (char)((v >> 8) & 0xff), (char)((v >> 16) & 0xff),
	             (char)(v >> 24)};

	dk_buf_append(out, b, sizeof(b));
}

static uint32_t
get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

void
dk_payload_put(struct dk_buf *out, const struct dk_record *r)
{
	dk_buf_putc(out, (char)r->tag);
	dk_buf_putc(out, (char)r->n);
	for (unsigned i = 0; i < r->n; i++) {
		if (r->field[i] == NULL) {
			put_u32(out, NULL_LEN);
			continue;
		}
		put_u32(out, (uint32_t)r->len[i]);
		dk_buf_append(out, (const char *)r->field[i], r->len[i]);
	}
}

void
dk_record_text(struct dk_record *r, unsigned i, const char *s)
{
	dk_record_bytes(r, i, s, s != NULL ? strlen(s) : 0);
}

void
dk_record_bytes(struct dk_record *r, unsigned i, const void *p, size_t len)
{
	r->field[i] = p;
	r->len[i] = p != NULL ? len : 0;
	if (i >= r->n)
		r->n = i + 1;
}

enum dk_payload_next
dk_payload_next(const unsigned char *data, size_t len, size_t *pos, struct dk_record *r)
{
	size_t at = *pos;

	memset(r, 0, sizeof(*r));
	if (at == len)
		return DK_PAYLOAD_END;
	if (at > len || len - at < 2)
		return DK_PAYLOAD_BAD;
	r->tag = data[at];
	r->n = data[at + 1];
	at += 2;
	if (r->n > DK_PAYLOAD_FIELDS)
		return DK_PAYLOAD_BAD;
	for (unsigned i = 0; i < r->n; i++) {
		uint32_t n;

		if (len - at < 4)
			return DK_PAYLOAD_BAD;
		n = get_u32(data + at);
		at += 4;
		if (n == NULL_LEN)
			continue;
		if (n > DK_PAYLOAD_FIELD_MAX || n > len - at)
			return DK_PAYLOAD_BAD;
		r->field[i] = data + at;
		r->len[i] = n;
		at += n;
	}
	*pos = at;
	return DK_PAYLOAD_RECORD;
}

bool
dk_record_is_int(const struct dk_record *r, unsigned i)
{
	const unsigned char *p = r->field[i];
	size_t n = r->len[i], at = 0;

	if (i >= r->n || p == NULL)
		return false;
	if (n > 0 && p[0] == '-')
		at = 1;
	if (n == at || n - at > 18)
		return false;
	for (; at < n; at++)
		if (p[at] < '0' || p[at] > '9')
			return false;
	return true;
}

long long
dk_record_int(const struct dk_record *r, unsigned i)
{
	long long v = 0;
	size_t at = 0;
	bool negative;

	if (!dk_record_is_int(r, i))
		return 0;
	negative = r->field[i][0] == '-';
	for (at = negative ? 1 : 0; at < r->len[i]; at++)
		v = v * 10 + (r->field[i][at] - '0');
	return negative ? -v : v;
}
