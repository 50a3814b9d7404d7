/* The translation hook behind _(): identity until main installs gettext. */
#include <stddef.h>

#include "docket/i18n.h"

static const char *(*lookup_fn)(const char *msgid);

const char *
dk_tr(const char *msgid)
{
	return lookup_fn != NULL ? lookup_fn(msgid) : msgid;
}

void
dk_i18n_set_lookup(const char *(*lookup)(const char *msgid))
{
	lookup_fn = lookup;
}
