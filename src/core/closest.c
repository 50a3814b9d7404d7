/* "Did you mean": the candidate closest to a mistyped word. */
#include <ctype.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "docket/text.h"

/* Edits between a and b (optimal string alignment), or limit + 1 once it exceeds limit. */
static size_t
edit_distance(const char *a, const char *b, size_t limit)
{
	enum { MAXLEN = 64 };
	size_t la = strlen(a), lb = strlen(b);
	size_t row[3][MAXLEN + 1];

	if (la > MAXLEN || lb > MAXLEN || (la > lb ? la - lb : lb - la) > limit)
		return limit + 1;
	for (size_t j = 0; j <= lb; j++)
		row[1][j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t *cur = row[(i + 1) % 3], *prev = row[i % 3], *prev2 = row[(i + 2) % 3];
		size_t best = cur[0] = i;

		for (size_t j = 1; j <= lb; j++) {
			int same =
			    tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 1]);
			size_t d = prev[j - 1] + !same;

			if (prev[j] + 1 < d)
				d = prev[j] + 1;
			if (cur[j - 1] + 1 < d)
				d = cur[j - 1] + 1;
			if (i > 1 && j > 1 &&
			    tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 2]) &&
			    tolower((unsigned char)a[i - 2]) == tolower((unsigned char)b[j - 1]) &&
			    prev2[j - 2] + 1 < d)
				d = prev2[j - 2] + 1;
			cur[j] = d;
			if (d < best)
				best = d;
		}
		if (best > limit)
			return limit + 1;
	}
	return row[(la + 1) % 3][lb];
}

int
dk_text_closest(const char *word, const char *const *candidates, size_t n)
{
	size_t len = strlen(word), limit = len / 3, best = SIZE_MAX;
	int found = -1;

	if (len == 0)
		return -1;
	limit = limit < 1 ? 1 : limit > 3 ? 3 : limit;
	for (size_t i = 0; i < n; i++) {
		size_t d = edit_distance(word, candidates[i], limit);

		if (d <= limit && d < best) {
			best = d;
			found = (int)i;
		}
	}
	return found;
}
