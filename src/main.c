/* docket's entry point: harden the process, set up locale and libsodium, run the CLI. */
#include <dirent.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "config.h"
#include "docket/crypto.h"
#include "docket/date.h"
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

/* "C", "POSIX", "C.UTF-8", unset or empty: a locale name that names no language. */
static bool
names_no_language(const char *name)
{
	return name == NULL || name[0] == '\0' || strcmp(name, "C") == 0 ||
	       strcmp(name, "POSIX") == 0 || strncmp(name, "C.", 2) == 0;
}

/* The locale asked for messages, as POSIX orders it: LC_ALL, LC_MESSAGES, then LANG. */
static const char *
wanted_messages_locale(void)
{
	static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};

	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		const char *v = getenv(vars[i]);

		if (v != NULL && v[0] != '\0')
			return v;
	}
	return NULL;
}

/*
 * The locale from the environment, and French (or any language) even where it cannot be
 * had: glibc ignores LANGUAGE while LC_MESSAGES is "C" or "POSIX", and setlocale fails
 * outright for a locale that is not generated. Then messages and characters fall back to
 * C.UTF-8, where glibc does honour LANGUAGE, and LANGUAGE is given the language of
 * LC_ALL/LC_MESSAGES/LANG when it is unset (it holds no case data).
 */
static void
set_up_locale(void)
{
	static const int others[] = {LC_CTYPE, LC_NUMERIC, LC_TIME, LC_COLLATE, LC_MONETARY};
	bool whole = setlocale(LC_ALL, "") != NULL;
	const char *language = getenv("LANGUAGE");
	const char *wanted = wanted_messages_locale();
	bool has_language = (language != NULL && language[0] != '\0') || !names_no_language(wanted);

	if (!has_language || (whole && !names_no_language(setlocale(LC_MESSAGES, NULL))))
		return;
	if (!whole) {
		/* Each category the environment can give still comes from it (LC_TIME...). */
		setlocale(LC_ALL, "C.UTF-8");
		for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++)
			setlocale(others[i], "");
	}
	if (names_no_language(setlocale(LC_CTYPE, NULL)))
		setlocale(LC_CTYPE, "C.UTF-8");
	setlocale(LC_MESSAGES, "C.UTF-8");
	if ((language == NULL || language[0] == '\0') && !names_no_language(wanted)) {
		char lang[64];

		/* "fr_CA.UTF-8@euro" -> "fr_CA": gettext then tries fr_CA, then fr. */
		snprintf(lang, sizeof(lang), "%.*s", (int)strcspn(wanted, ".@"), wanted);
		setenv("LANGUAGE", lang, 1);
	}
}

/*
 * Dates for people follow LC_TIME when it is a real locale (31/12/2026 in fr_FR); C, POSIX
 * and C.UTF-8 keep ISO 8601, as files, CSV, JSON and arguments always do.
 */
static void
set_up_date_display(void)
{
	if (!names_no_language(setlocale(LC_TIME, NULL)))
		dk_date_set_display_format(nl_langinfo(D_FMT));
}

#if ENABLE_NLS
/* True when dir/<language>/LC_MESSAGES/docket.mo exists for some language. */
static bool
holds_catalogue(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	bool found = false;

	if (d == NULL)
		return false;
	while (!found && (e = readdir(d)) != NULL) {
		char mo[PATH_MAX];
		struct stat st;

		if (e->d_name[0] == '.')
			continue;
		if (snprintf(mo, sizeof(mo), "%s/%s/LC_MESSAGES/%s.mo", dir, e->d_name,
		             DOCKET_GETTEXT_PACKAGE) < (int)sizeof(mo))
			found = stat(mo, &st) == 0 && S_ISREG(st.st_mode);
	}
	closedir(d);
	return found;
}

/*
 * Where the catalogues are, first found: DOCKET_LOCALEDIR (the tests); the build tree's
 * po/ when this is the build tree's own binary; <exe dir>/../share/locale when it holds
 * docket.mo (an install moved elsewhere); the configured localedir.
 */
static const char *
catalogue_dir(char *buf, size_t size)
{
	const char *env = getenv("DOCKET_LOCALEDIR");
	char exe[PATH_MAX], built[PATH_MAX];
	char *slash;

	if (env != NULL && env[0] != '\0')
		return env;
	if (realpath("/proc/self/exe", exe) == NULL)
		return DOCKET_LOCALEDIR;
	if (realpath(DOCKET_BUILD_EXE, built) != NULL && strcmp(exe, built) == 0)
		return DOCKET_BUILD_LOCALEDIR;
	slash = strrchr(exe, '/');
	if (slash != NULL) {
		*slash = '\0';
		if (snprintf(buf, size, "%s/../share/locale", exe) < (int)size &&
		    holds_catalogue(buf))
			return buf;
	}
	return DOCKET_LOCALEDIR;
}
#endif

int
main(int argc, char **argv)
{
	forbid_core_dumps();
	/* Database, WAL, key slots: everything docket creates is private to its user. */
	umask(077);
	set_up_locale();
	set_up_date_display();
#if ENABLE_NLS
	{
		char dir[PATH_MAX];

		bindtextdomain(DOCKET_GETTEXT_PACKAGE, catalogue_dir(dir, sizeof(dir)));
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
