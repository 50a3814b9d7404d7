/* The record codec of a bundle's plaintext (docket/payload.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/buf.h"
#include "docket/payload.h"

static const unsigned char *
bytes(const struct dk_buf *b)
{
	return (const unsigned char *)b->data;
}

static void
put_u32(struct dk_buf *b, uint32_t v)
{
	char c[4] = {(char)(v & 0xff), (char)((v >> 8) & 0xff), (char)((v >> 16) & 0xff),
	             (char)(v >> 24)};

	dk_buf_append(b, c, 4);
}

static void
payload__round_trip__keeps_null_empty_and_bytes(void **state)
{
	struct dk_buf b = DK_BUF_INIT;
	struct dk_record r, got;
	static const unsigned char bin[] = {0, 1, 0xff, 0};
	size_t pos = 0;

	(void)state;
	memset(&r, 0, sizeof(r));
	r.tag = 'C';
	dk_record_text(&r, 0, "MONUSCO-2026-0001");
	dk_record_text(&r, 1, NULL);
	dk_record_text(&r, 2, "");
	dk_record_bytes(&r, 3, bin, sizeof(bin));
	assert_int_equal(r.n, 4);
	dk_payload_put(&b, &r);
	memset(&r, 0, sizeof(r));
	r.tag = 'D';
	dk_payload_put(&b, &r);

	assert_int_equal(dk_payload_next(bytes(&b), b.len, &pos, &got), DK_PAYLOAD_RECORD);
	assert_int_equal(got.tag, 'C');
	assert_int_equal(got.n, 4);
	assert_int_equal(got.len[0], 17);
	assert_memory_equal(got.field[0], "MONUSCO-2026-0001", 17);
	assert_null(got.field[1]);
	assert_non_null(got.field[2]);
	assert_int_equal(got.len[2], 0);
	assert_int_equal(got.len[3], sizeof(bin));
	assert_memory_equal(got.field[3], bin, sizeof(bin));
	assert_int_equal(dk_payload_next(bytes(&b), b.len, &pos, &got), DK_PAYLOAD_RECORD);
	assert_int_equal(got.tag, 'D');
	assert_int_equal(got.n, 0);
	assert_int_equal(dk_payload_next(bytes(&b), b.len, &pos, &got), DK_PAYLOAD_END);
	assert_int_equal(pos, b.len);
	dk_buf_free(&b);
}

static void
payload__24_fields__round_trip(void **state)
{
	struct dk_buf b = DK_BUF_INIT;
	struct dk_record r, got;
	char text[DK_PAYLOAD_FIELDS][8];
	size_t pos = 0;

	(void)state;
	memset(&r, 0, sizeof(r));
	r.tag = 'E';
	for (unsigned i = 0; i < DK_PAYLOAD_FIELDS; i++) {
		snprintf(text[i], sizeof(text[i]), "f%u", i);
		dk_record_text(&r, i, text[i]);
	}
	assert_int_equal(r.n, 24);
	dk_payload_put(&b, &r);
	assert_int_equal(dk_payload_next(bytes(&b), b.len, &pos, &got), DK_PAYLOAD_RECORD);
	assert_int_equal(got.n, 24);
	for (unsigned i = 0; i < DK_PAYLOAD_FIELDS; i++) {
		assert_int_equal(got.len[i], strlen(text[i]));
		assert_memory_equal(got.field[i], text[i], got.len[i]);
	}
	assert_int_equal(pos, b.len);
	dk_buf_free(&b);
}

static void
payload_next__25_fields__is_bad(void **state)
{
	struct dk_buf b = DK_BUF_INIT;
	struct dk_record got;
	size_t pos = 0;

	(void)state;
	dk_buf_putc(&b, 'E');
	dk_buf_putc(&b, (char)(DK_PAYLOAD_FIELDS + 1));
	for (unsigned i = 0; i < DK_PAYLOAD_FIELDS + 1; i++)
		put_u32(&b, 0);
	assert_int_equal(dk_payload_next(bytes(&b), b.len, &pos, &got), DK_PAYLOAD_BAD);
	assert_int_equal(pos, 0);
	dk_buf_free(&b);
}

static void
payload_next__length_past_the_end__is_bad(void **state)
{
	struct dk_buf b = DK_BUF_INIT;
	struct dk_record got;
	size_t pos = 0;

	(void)state;
	dk_buf_putc(&b, 'V');
	dk_buf_putc(&b, 1);
	put_u32(&b, 6);
	dk_buf_append(&b, "abcde", 5);
	assert_int_equal(dk_payload_next(bytes(&b), b.len, &pos, &got), DK_PAYLOAD_BAD);
	assert_int_equal(pos, 0);
	/* One byte more and it reads. */
	dk_buf_putc(&b, 'f');
	assert_int_equal(dk_payload_next(bytes(&b), b.len, &pos, &got), DK_PAYLOAD_RECORD);
	assert_int_equal(pos, b.len);
	dk_buf_free(&b);
}

static void
payload_next__field_over_the_maximum__is_bad(void **state)
{
	struct dk_buf b = DK_BUF_INIT;
	struct dk_record got;
	unsigned char *big = calloc(1, DK_PAYLOAD_FIELD_MAX + 1);
	size_t pos = 0;

	(void)state;
	dk_buf_putc(&b, 'W');
	dk_buf_putc(&b, 1);
	put_u32(&b, DK_PAYLOAD_FIELD_MAX + 1);
	dk_buf_append(&b, (const char *)big, DK_PAYLOAD_FIELD_MAX + 1);
	assert_int_equal(dk_payload_next(bytes(&b), b.len, &pos, &got), DK_PAYLOAD_BAD);
	/* Exactly the maximum is a field. */
	dk_buf_reset(&b);
	dk_buf_putc(&b, 'W');
	dk_buf_putc(&b, 1);
	put_u32(&b, DK_PAYLOAD_FIELD_MAX);
	dk_buf_append(&b, (const char *)big, DK_PAYLOAD_FIELD_MAX);
	assert_int_equal(dk_payload_next(bytes(&b), b.len, &pos, &got), DK_PAYLOAD_RECORD);
	assert_int_equal(got.len[0], DK_PAYLOAD_FIELD_MAX);
	free(big);
	dk_buf_free(&b);
}

static void
payload_next__truncated_count_or_length__is_bad(void **state)
{
	struct dk_buf b = DK_BUF_INIT;
	struct dk_record got;
	size_t pos = 0;

	(void)state;
	dk_buf_putc(&b, 'S');
	/* A tag without its count. */
	assert_int_equal(dk_payload_next(bytes(&b), b.len, &pos, &got), DK_PAYLOAD_BAD);
	/* A count of 2 with one field and half a length. */
	dk_buf_putc(&b, 2);
	put_u32(&b, 0);
	dk_buf_append(&b, "\0\0", 2);
	assert_int_equal(dk_payload_next(bytes(&b), b.len, &pos, &got), DK_PAYLOAD_BAD);
	assert_int_equal(pos, 0);
	/* A position past the end is bad, not a read out of bounds. */
	pos = b.len + 1;
	assert_int_equal(dk_payload_next(bytes(&b), b.len, &pos, &got), DK_PAYLOAD_BAD);
	dk_buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(payload__round_trip__keeps_null_empty_and_bytes),
	    cmocka_unit_test(payload__24_fields__round_trip),
	    cmocka_unit_test(payload_next__25_fields__is_bad),
	    cmocka_unit_test(payload_next__length_past_the_end__is_bad),
	    cmocka_unit_test(payload_next__field_over_the_maximum__is_bad),
	    cmocka_unit_test(payload_next__truncated_count_or_length__is_bad),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
