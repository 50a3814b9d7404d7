/* Reading secrets and free text without leaving copies around. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "docket/i18n.h"
#include "docket/text.h"
#include "docket/validate.h"
#include "docket/xmalloc.h"
#include "cli.h"

/* Reads one line (the newline and a CR before it stripped) into guarded memory. */
static enum dk_rc
read_line_secret(int fd, struct dk_secret **out, struct dk_err *err)
{
	struct dk_secret *s = dk_secret_new(DK_PASSPHRASE_MAX + 2);
	unsigned char c;
	ssize_t n;

	while ((n = read(fd, &c, 1)) == 1 || (n < 0 && errno == EINTR)) {
		if (n < 0)
			continue;
		if (c == '\n')
			break;
		if (s->len >= DK_PASSPHRASE_MAX) {
			dk_secret_free(&s);
			return dk_err_set(err, DK_INVALID, _("the passphrase is too long"));
		}
		s->bytes[s->len++] = c;
	}
	if (n < 0) {
		int e = errno;
		dk_secret_free(&s);
		return dk_err_set(err, DK_IO, _("cannot read the passphrase: %s"), strerror(e));
	}
	if (s->len > 0 && s->bytes[s->len - 1] == '\r')
		s->bytes[--s->len] = 0;
	if (n == 0 && s->len == 0) {
		dk_secret_free(&s);
		return dk_err_set(err, DK_AUTH, _("no passphrase was given"));
	}
	*out = s;
	return DK_OK;
}

enum dk_rc
dk_cli_read_passphrase(int fd, const char *prompt, struct dk_secret **out, struct dk_err *err)
{
	struct termios saved, quiet;
	enum dk_rc rc;
	int tty;

	*out = NULL;
	if (fd >= 0)
		return read_line_secret(fd, out, err);
	tty = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (tty < 0)
		return dk_err_set(
		    err, DK_AUTH,
		    _("no terminal to ask for the passphrase; use --passphrase-fd N"));
	if (tcgetattr(tty, &saved) != 0) {
		close(tty);
		return dk_err_set(
		    err, DK_AUTH,
		    _("no terminal to ask for the passphrase; use --passphrase-fd N"));
	}
	quiet = saved;
	quiet.c_lflag &= (tcflag_t) ~(ECHO | ECHONL);
	quiet.c_lflag |= ICANON;
	if (write(tty, prompt, strlen(prompt)) < 0 || tcsetattr(tty, TCSAFLUSH, &quiet) != 0) {
		close(tty);
		return dk_err_set(err, DK_IO, _("cannot turn off the terminal's echo"));
	}
	rc = read_line_secret(tty, out, err);
	tcsetattr(tty, TCSAFLUSH, &saved);
	if (write(tty, "\n", 1) < 0)
		(void)0; /* only cosmetic */
	close(tty);
	return rc;
}

enum dk_rc
dk_cli_read_stdin_text(const char *what, char **out, struct dk_err *err)
{
	size_t cap = 4096, len = 0;
	char *buf = dk_xmalloc(cap);
	enum dk_rc rc;
	ssize_t n;

	*out = NULL;
	for (;;) {
		if (len + 1 >= cap) {
			if (cap > DK_TEXT_MAX + 2)
				break;
			/* Grow by copying so no stale copy of the text is left behind. */
			char *bigger = dk_xmalloc(cap * 2);
			memcpy(bigger, buf, len);
			dk_xfree_wiped_n(buf, cap);
			buf = bigger;
			cap *= 2;
		}
		n = read(STDIN_FILENO, buf + len, cap - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;

			dk_xfree_wiped_n(buf, cap);
			return dk_err_set(err, DK_IO, _("%s: cannot read standard input: %s"), what,
			                  strerror(e));
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	buf[len] = '\0';
	/* The byte length travels on: a NUL is refused here, not silently cut at. */
	len = dk_text_crlf_to_lf(buf, len);
	/* One trailing newline is how shells end text, not part of it. */
	if (len > 0 && buf[len - 1] == '\n')
		buf[--len] = '\0';
	if ((rc = dk_validate_text_len(what, buf, len, DK_TEXT_MAX, false, err)) != DK_OK) {
		dk_xfree_wiped_n(buf, cap);
		return rc;
	}
	*out = buf;
	return DK_OK;
}

char *
dk_cli_crlf_copy(const char *value)
{
	char *copy;

	if (strchr(value, '\r') == NULL)
		return NULL;
	copy = dk_xstrdup(value);
	dk_text_crlf_to_lf(copy, strlen(copy));
	return copy;
}

/* On a terminal the passphrase is typed twice; from a descriptor, once. */
int
dk_cli_read_new_passphrase(int fd, const char *fd_option, const char *who, struct dk_secret **out)
{
	struct dk_secret *again = NULL;
	struct dk_err err;
	char prompt[128];
	bool same;

	snprintf(prompt, sizeof(prompt), _("New passphrase for %s: "), who);
	if (dk_cli_read_passphrase(fd, prompt, out, &err) != DK_OK) {
		if (fd < 0 && err.rc == DK_AUTH) /* no terminal */
			return dk_cli_error(
			    DK_INVALID, _("no terminal to ask for the new passphrase; use --%s N"),
			    fd_option);
		return dk_cli_error(err.rc == DK_AUTH ? DK_INVALID : err.rc, "%s", err.msg);
	}
	if (fd >= 0)
		return 0;
	snprintf(prompt, sizeof(prompt), _("Repeat the passphrase: "));
	if (dk_cli_read_passphrase(-1, prompt, &again, &err) != DK_OK) {
		dk_secret_free(out);
		return dk_cli_error(DK_INVALID, "%s", err.msg);
	}
	same = again->len == (*out)->len && memcmp(again->bytes, (*out)->bytes, again->len) == 0;
	dk_secret_free(&again);
	if (!same) {
		dk_secret_free(out);
		return dk_cli_error(DK_INVALID,
		                    _("the two passphrases differ; nothing was changed"));
	}
	return 0;
}

int
dk_cli_positional_text(struct dk_cli *cli, int i, char **owned, const char **value)
{
	char what[32] = "";
	struct dk_err err;

	*owned = NULL;
	*value = cli->args[i];
	if (strcmp(*value, "-") != 0) {
		if ((*owned = dk_cli_crlf_copy(*value)) != NULL)
			*value = *owned;
		return 0;
	}
	/* The argument's name in the usage ("NAME"), for the message. */
	for (const char *w = cli->cmd->args; i >= 0 && *w != '\0'; i--) {
		size_t n = strcspn(w, " ");

		snprintf(what, sizeof(what), "%.*s", (int)n, w);
		w += n + (w[n] == ' ');
	}
	if (dk_cli_read_stdin_text(what, owned, &err) != DK_OK)
		return dk_cli_error(err.rc, "%s", err.msg);
	*value = *owned;
	return 0;
}
