/* How a command ends: an error on stderr (sanitized, one line), or its notice on success. */
#include <stdarg.h>
#include <stdio.h>

#include "docket/i18n.h"
#include "docket/text.h"
#include "cli.h"

int
dk_cli_error(enum dk_rc rc, const char *fmt, ...)
{
	struct dk_buf raw = DK_BUF_INIT, safe = DK_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	dk_buf_vprintf(&raw, fmt, ap);
	va_end(ap);
	dk_text_sanitize(&safe, dk_buf_str(&raw), DK_SANITIZE_LINE);
	fprintf(stderr, "docket: %s\n", dk_buf_str(&safe));
	dk_buf_free(&raw);
	dk_buf_free(&safe);
	return dk_rc_exit_status(rc);
}

int
dk_cli_app_error(const struct dk_cli *cli, enum dk_rc rc)
{
	const char *msg = dk_app_errmsg(cli->app);

	return dk_cli_error(rc, "%s", msg[0] != '\0' ? msg : _(dk_rc_message(rc)));
}

int
dk_cli_done(const struct dk_cli *cli, enum dk_rc rc)
{
	struct dk_buf safe = DK_BUF_INIT;

	if (rc != DK_OK)
		return dk_cli_app_error(cli, rc);
	/* What the command adds to its success (a lapsed extension) is part of its output. */
	dk_text_sanitize(&safe, dk_app_notice(cli->app), DK_SANITIZE_MULTILINE);
	fputs(dk_buf_str(&safe), stdout);
	dk_buf_free(&safe);
	return 0;
}
