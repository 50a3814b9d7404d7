/* Result codes: exit status and message per code, from the one list in error.h. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "docket/error.h"

static const struct {
	const char *name;
	int exit_status;
	const char *message;
} rc_info[] = {
#define DK_RC_INFO(name, exit, msg) {#name, exit, msg},
    DK_RC_LIST(DK_RC_INFO)
#undef DK_RC_INFO
};

int
dk_rc_exit_status(enum dk_rc rc)
{
	return (unsigned)rc < DK_RC_COUNT ? rc_info[rc].exit_status : 1;
}

const char *
dk_rc_message(enum dk_rc rc)
{
	return (unsigned)rc < DK_RC_COUNT ? rc_info[rc].message : "unknown error";
}

const char *
dk_rc_name(enum dk_rc rc)
{
	return (unsigned)rc < DK_RC_COUNT ? rc_info[rc].name : "UNKNOWN";
}

enum dk_rc
dk_err_set(struct dk_err *err, enum dk_rc rc, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return rc;
	err->rc = rc;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return rc;
}

void
dk_err_clear(struct dk_err *err)
{
	if (err == NULL)
		return;
	err->rc = DK_OK;
	err->msg[0] = '\0';
}
