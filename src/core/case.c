/* Lifetime of struct dk_case: summaries are case data, so they are wiped. */
#include <stdlib.h>
#include <string.h>

#include "docket/case.h"

void
dk_case_clear(struct dk_case *c)
{
	if (c->summary != NULL) {
		explicit_bzero(c->summary, strlen(c->summary));
		free(c->summary);
	}
	memset(c, 0, sizeof(*c));
	c->incident = DK_DATE_NONE;
	c->next_due = DK_DATE_NONE;
}
