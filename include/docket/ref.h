/* Case references for people: MISSION-YYYY-NNNN (sequence per mission and year). */
#ifndef DOCKET_REF_H
#define DOCKET_REF_H

#include <stdbool.h>
#include <stddef.h>

#include "docket/validate.h"

/* Enough for a 12-letter mission, the year and a sequence up to 10 digits. */
#define DK_REF_MAX 32

/* Writes "MONUSCO-2026-0001" (at least four sequence digits). */
void dk_ref_format(char out[DK_REF_MAX], const char *mission, int year, long seq);

/*
 * Parses a reference (mission in any case, upper-cased into mission_out of
 * DK_MISSION_MAX + 1 bytes). False when malformed.
 */
bool dk_ref_parse(const char *s, char *mission_out, int *year, long *seq);

#endif
