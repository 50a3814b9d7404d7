/*
 * Where a report's observations go (issue 12): into the run's table, or,
 * drilling into a cell, the refs of the cases behind it; and which cases a
 * run takes. Apart from the table of reports, which the reports' files
 * would otherwise call back.
 */
#include <string.h>

#include "docket/xmalloc.h"
#include "app_report.h"

static bool
keys_match(const struct report_run *run, const char *const *keys)
{
	if (run->want_keys == NULL)
		return true;
	for (size_t i = 0; i < run->nby; i++)
		if (strcmp(run->want_keys[i], keys[i]) != 0)
			return false;
	return true;
}

void
dk_app_report_observe(struct report_run *run, const char *ref, const char *const *keys,
                      const int64_t *values)
{
	if (run->table != NULL) {
		dk_report_add(run->table, keys, values);
		return;
	}
	if (ref == NULL || values[run->want_measure] <= 0 || !keys_match(run, keys))
		return;
	if (run->nrefs == run->refs_cap) {
		run->refs_cap = run->refs_cap ? 2 * run->refs_cap : 64;
		run->refs = dk_xrealloc(run->refs, run->refs_cap * sizeof(*run->refs));
	}
	run->refs[run->nrefs++] = dk_xstrdup(ref);
}

bool
dk_app_report_wants(struct dk_app *app, const struct report_run *run, const char *mission)
{
	return (run->mission == NULL || strcmp(mission, run->mission) == 0) &&
	       dk_app_in_scope(app, mission);
}
