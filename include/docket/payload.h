/*
 * A bundle's plaintext: a sequence of records, each a tag and up to
 * DK_PAYLOAD_FIELDS fields of bytes or NULL. Encoding: tag (1 byte), field
 * count (1 byte), then per field a 32-bit little-endian length (0xffffffff
 * for NULL) and the bytes. Pure: no I/O. The reader is the first thing that
 * touches a verified bundle's bytes, so it checks every length against the
 * limits below before it reads.
 */
#ifndef DOCKET_PAYLOAD_H
#define DOCKET_PAYLOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "docket/buf.h"

#define DK_PAYLOAD_FIELDS 24
#define DK_PAYLOAD_FIELD_MAX (1u << 20) /* a field's bytes at most */

struct dk_record {
	unsigned tag;
	unsigned n;
	const unsigned char *field[DK_PAYLOAD_FIELDS]; /* NULL: an SQL NULL */
	size_t len[DK_PAYLOAD_FIELDS];
};

/* Appends r to out (r->n at most DK_PAYLOAD_FIELDS, fields at most DK_PAYLOAD_FIELD_MAX). */
void dk_payload_put(struct dk_buf *out, const struct dk_record *r);

/* Sets field i of r to a NUL-terminated string (NULL stays NULL), or to bytes. */
void dk_record_text(struct dk_record *r, unsigned i, const char *s);
void dk_record_bytes(struct dk_record *r, unsigned i, const void *p, size_t len);

/* Called for each record; false stops. */
typedef bool (*dk_record_fn)(const struct dk_record *r, void *ctx);

/* Whether field i is a decimal integer (an optional '-', 1-18 digits); its value. */
bool dk_record_is_int(const struct dk_record *r, unsigned i);
long long dk_record_int(const struct dk_record *r, unsigned i);

enum dk_payload_next {
	DK_PAYLOAD_RECORD, /* *r holds the next record; its fields point into data */
	DK_PAYLOAD_END,    /* *pos == len */
	DK_PAYLOAD_BAD,    /* a length or count out of bounds */
};

/* Reads the record at *pos and moves *pos past it. */
enum dk_payload_next dk_payload_next(const unsigned char *data, size_t len, size_t *pos,
                                     struct dk_record *r);

#endif
