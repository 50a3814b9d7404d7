/* Translation hook: core stays free of I/O, main plugs gettext in. */
#ifndef DOCKET_I18N_H
#define DOCKET_I18N_H

/* Returns the translation of msgid, or msgid itself when none is installed. */
const char *dk_tr(const char *msgid) __attribute__((format_arg(1)));

/* Installs the lookup used by dk_tr (main passes gettext). NULL restores identity. */
void dk_i18n_set_lookup(const char *(*lookup)(const char *msgid));

#define _(s) dk_tr(s)
#define N_(s) s

#endif
