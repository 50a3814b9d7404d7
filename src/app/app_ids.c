/* Every random id app draws: global ids of records, and the codes people copy by hand. */
#include "docket/code.h"
#include "app_internal.h"

void
dk_app_new_gid(unsigned char gid[DK_GID_LEN])
{
	dk_crypto_random(gid, DK_GID_LEN);
}

void
dk_app_new_code(char prefix, char code[DK_CODE_MAX])
{
	unsigned char raw[DK_CODE_RANDOM_CHARS];

	dk_crypto_random(raw, sizeof(raw));
	dk_code_format(prefix, raw, code);
}
