/* docket's entry point: harden the process, set up locale and libsodium, run the CLI. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "config.h"
#include "docket/crypto.h"
#include "docket/i18n.h"
#include "cli/cli.h"
#if HAVE_TUI
#include "tui/tui.h"
#define TUI_ENTRY dk_tui_main
#else
#define TUI_ENTRY NULL
#endif

#if ENABLE_NLS
#include <libintl.h>

static const char *
translate(const char *msgid)
{
	return dgettext(DOCKET_GETTEXT_PACKAGE, msgid);
}
#endif

/* No core dump may ever hold a key or a victim's name (security.md 3). */
static void
forbid_core_dumps(void)
{
	struct rlimit none = {0, 0};

	setrlimit(RLIMIT_CORE, &none);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

int
main(int argc, char **argv)
{
	forbid_core_dumps();
	/* Database, WAL, key slots: everything docket creates is private to its user. */
	umask(077);
	setlocale(LC_ALL, "");
#if ENABLE_NLS
	{
		/* For running from the build tree and the tests; the default is the install path.
		 */
		const char *dir = getenv("DOCKET_LOCALEDIR");

		bindtextdomain(DOCKET_GETTEXT_PACKAGE, dir != NULL ? dir : DOCKET_LOCALEDIR);
		bind_textdomain_codeset(DOCKET_GETTEXT_PACKAGE, "UTF-8");
		dk_i18n_set_lookup(translate);
	}
#endif
	if (!dk_crypto_init()) {
		fprintf(stderr, "docket: %s\n", _("cannot initialize libsodium"));
		return 1;
	}
	return dk_cli_main(argc, argv, TUI_ENTRY);
}
