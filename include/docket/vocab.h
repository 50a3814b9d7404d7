/* The domain's identifier lists (domain.md), in one place, with display labels. */
#ifndef DOCKET_VOCAB_H
#define DOCKET_VOCAB_H

#include <stdbool.h>
#include <stddef.h>

enum dk_vocab_kind {
	DK_VOCAB_CATEGORY,
	DK_VOCAB_TYPE,
	DK_VOCAB_PERSONNEL,
	DK_VOCAB_ENTITY,
	DK_VOCAB_SOURCE,
	DK_VOCAB_SEX,
	DK_VOCAB_AGE,
	DK_VOCAB_ASSISTANCE,
	DK_VOCAB_ASSISTANCE_STATUS,
	DK_VOCAB_OUTCOME,
	DK_VOCAB_CLOSURE,
	DK_VOCAB_INTERIM_ACTION,
	DK_VOCAB_FINAL_ACTION,
	DK_VOCAB_PATERNITY,
	DK_VOCAB_ROLE,
	DK_VOCAB_COUNT
};

struct dk_vocab_entry {
	const char *id;    /* stable identifier used in files, CLI, CSV, JSON */
	const char *label; /* English display name, untranslated (pass through _()) */
};

struct dk_vocab {
	const char *name; /* "category", "type", ... as in the CLI's field names */
	const struct dk_vocab_entry *entries;
	size_t count;
};

const struct dk_vocab *dk_vocab_get(enum dk_vocab_kind kind);

/* Index of id in the list, or -1. Exact, case-sensitive match. */
int dk_vocab_find(enum dk_vocab_kind kind, const char *id);

/* Appends "a, b, c" (the valid ids) to a caller buffer, for error messages. */
void dk_vocab_list_ids(enum dk_vocab_kind kind, char *out, size_t size);

#endif
