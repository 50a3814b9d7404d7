/* Every random id app draws: global ids of records, and the codes people copy by hand. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "docket/code.h"
#include "app_internal.h"

/*
 * A bulk load's ids: a random 8-byte prefix drawn once, then a big-endian
 * counter. Unique across offices and runs like a random id (64 random bits
 * per run), but each table's unique gid index is appended to, not scattered.
 */
static struct {
	bool on;
	unsigned char prefix[DK_GID_LEN / 2];
	uint64_t next;
} sequence;

void
dk_app_gid_sequence(bool on)
{
	sequence.on = on;
	sequence.next = 0;
	if (on)
		dk_crypto_random(sequence.prefix, sizeof(sequence.prefix));
}

void
dk_app_new_gid(unsigned char gid[DK_GID_LEN])
{
	if (!sequence.on) {
		dk_crypto_random(gid, DK_GID_LEN);
		return;
	}
	memcpy(gid, sequence.prefix, sizeof(sequence.prefix));
	for (int i = 0; i < 8; i++)
		gid[DK_GID_LEN - 1 - i] = (unsigned char)(sequence.next >> (8 * i));
	sequence.next++;
}

void
dk_app_new_code(char prefix, char code[DK_CODE_MAX])
{
	unsigned char raw[DK_CODE_RANDOM_CHARS];

	dk_crypto_random(raw, sizeof(raw));
	dk_code_format(prefix, raw, code);
}

void
dk_names_free(struct dk_names *names)
{
	for (size_t i = 0; i < names->n; i++)
		free(names->v[i]);
	free(names->v);
	names->v = NULL;
	names->n = 0;
}
