/* Lifetime of struct dk_case: summaries are case data, so they are wiped. */
#include <string.h>

#include "docket/case.h"
#include "docket/xmalloc.h"

void
dk_case_clear(struct dk_case *c)
{
	dk_xfree_wiped(&c->summary);
	memset(c, 0, sizeof(*c));
	c->incident = DK_DATE_NONE;
	c->next_due = DK_DATE_NONE;
}
