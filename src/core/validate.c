/* Field validation: every input is checked here before anything is written. */
#include <string.h>

#include "docket/i18n.h"
#include "docket/text.h"
#include "docket/validate.h"
#include "iso3166.h"

static bool
is_ascii_letter(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

enum dk_rc
dk_validate_mission(const char *s, char *out, struct dk_err *err)
{
	size_t n = strlen(s);

	for (size_t i = 0; i < n; i++)
		if (!is_ascii_letter(s[i]))
			goto bad;
	if (n < 2 || n > DK_MISSION_MAX)
		goto bad;
	for (size_t i = 0; i <= n; i++)
		out[i] = (s[i] >= 'a' && s[i] <= 'z') ? (char)(s[i] - 'a' + 'A') : s[i];
	return DK_OK;
bad:
	return dk_err_set(err, DK_INVALID,
	                  _("invalid mission code (expected 2 to 12 letters, e.g. MONUSCO)"));
}

enum dk_rc
dk_validate_nationality(const char *s, char out[4], struct dk_err *err)
{
	char code[4];

	if (strlen(s) != 3)
		goto bad;
	for (int i = 0; i < 3; i++) {
		if (!is_ascii_letter(s[i]))
			goto bad;
		code[i] = (s[i] >= 'a' && s[i] <= 'z') ? (char)(s[i] - 'a' + 'A') : s[i];
	}
	code[3] = '\0';
	if (!dk_iso3166_alpha3_known(code))
		goto bad;
	memcpy(out, code, sizeof(code));
	return DK_OK;
bad:
	return dk_err_set(
	    err, DK_INVALID,
	    _("invalid nationality (expected an ISO 3166-1 alpha-3 code such as NPL)"));
}

enum dk_rc
dk_validate_account(const char *s, struct dk_err *err)
{
	size_t n = strlen(s);

	if (n == 0 || n > DK_NAME_MAX)
		goto bad;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');

		if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-')))
			goto bad;
	}
	return DK_OK;
bad:
	return dk_err_set(err, DK_INVALID,
	                  _("invalid account name (1 to 64 of a-z, 0-9, '.', '_', '-', starting "
	                    "with a letter or digit)"));
}

bool
dk_validate_office_name(const char *name, struct dk_err *err)
{
	size_t n = name != NULL ? strlen(name) : 0;

	for (size_t i = 0; i < n && n <= DK_OFFICE_NAME_MAX; i++) {
		char c = name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-'))
			n = 0;
	}
	if (n >= 1 && n <= DK_OFFICE_NAME_MAX)
		return true;
	dk_err_set(err, DK_INVALID,
	           _("invalid office name (1 to 32 of A-Z, a-z, 0-9, '.', '_', '-')"));
	return false;
}

enum dk_rc
dk_validate_text_len(const char *what, const char *s, size_t len, size_t max, bool one_line,
                     struct dk_err *err)
{
	size_t pos;
	uint32_t cp;

	/* TRANSLATORS: %s is an option name such as --summary, kept in English. */
	if (memchr(s, '\0', len) != NULL)
		return dk_err_set(err, DK_INVALID, _("%s: contains a NUL byte"), what);
	if (!dk_text_utf8_valid(s, len))
		return dk_err_set(err, DK_INVALID, _("%s: not valid UTF-8"), what);
	if (len > max)
		return dk_err_set(err, DK_INVALID, _("%s: too long (%zu bytes, at most %zu)"), what,
		                  len, max);
	if (one_line && strpbrk(s, "\r\n") != NULL)
		return dk_err_set(err, DK_INVALID, _("%s: must be a single line"), what);
	if ((pos = dk_text_find_control(s, &cp)) != 0)
		return dk_err_set(err, DK_INVALID,
		                  _("%s: a control character (U+%04X) at position %zu"), what,
		                  (unsigned)cp, pos);
	return DK_OK;
}

enum dk_rc
dk_validate_text(const char *what, const char *s, size_t max, bool one_line, struct dk_err *err)
{
	return dk_validate_text_len(what, s, strlen(s), max, one_line, err);
}
