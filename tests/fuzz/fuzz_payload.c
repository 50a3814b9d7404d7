/*
 * libFuzzer target: arbitrary bytes as a bundle's plaintext, walked record
 * by record. Every field must lie inside the input, and each record read
 * must encode back to exactly the bytes it was read from (one spelling).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "docket/buf.h"
#include "docket/payload.h"

#include "fuzz_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dk_buf again = DK_BUF_INIT;
	struct dk_record r;
	size_t pos = 0, start;
	enum dk_payload_next next;

	for (;;) {
		start = pos;
		next = dk_payload_next(data, size, &pos, &r);
		if (next != DK_PAYLOAD_RECORD) {
			/* Only a record moves the position. */
			CHECK(pos == start);
			CHECK(next == DK_PAYLOAD_BAD || pos == size);
			break;
		}
		CHECK(pos > start && pos <= size && r.n <= DK_PAYLOAD_FIELDS);
		for (unsigned i = 0; i < r.n; i++) {
			if (r.field[i] == NULL)
				continue;
			CHECK(r.field[i] >= data && r.len[i] <= DK_PAYLOAD_FIELD_MAX);
			CHECK((size_t)(r.field[i] - data) + r.len[i] <= pos);
		}
		dk_buf_reset(&again);
		dk_payload_put(&again, &r);
		CHECK(again.len == pos - start && memcmp(again.data, data + start, again.len) == 0);
	}
	dk_buf_free(&again);
	return 0;
}
