/* ISO 3166-1 alpha-3 country codes. */
#ifndef DOCKET_CORE_ISO3166_H
#define DOCKET_CORE_ISO3166_H

#include <stdbool.h>

/* True when code is an assigned alpha-3 code (upper case, e.g. "COD"). */
bool dk_iso3166_alpha3_known(const char *code);

#endif
