/* Case references: MISSION-YYYY-NNNN, for people (machines use global ids). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/ref.h"

void
dk_ref_format(char out[DK_REF_MAX], const char *mission, int year, long seq)
{
	snprintf(out, DK_REF_MAX, "%s-%04d-%04ld", mission, year, seq);
}

static bool
all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return n > 0;
}

bool
dk_ref_parse(const char *s, char *mission_out, int *year, long *seq)
{
	const char *d1 = strchr(s, '-');
	const char *d2;
	char mission[DK_MISSION_MAX + 1];
	size_t mlen, slen;

	if (d1 == NULL)
		return false;
	d2 = strchr(d1 + 1, '-');
	if (d2 == NULL)
		return false;
	mlen = (size_t)(d1 - s);
	slen = strlen(d2 + 1);
	if (mlen > DK_MISSION_MAX || d2 - d1 - 1 != 4 || !all_digits(d1 + 1, 4) || slen < 4 ||
	    slen > 10 || !all_digits(d2 + 1, slen))
		return false;
	memcpy(mission, s, mlen);
	mission[mlen] = '\0';
	if (dk_validate_mission(mission, mission_out, NULL) != DK_OK)
		return false;
	*year = atoi(d1 + 1);
	*seq = strtol(d2 + 1, NULL, 10);
	return *seq > 0;
}
