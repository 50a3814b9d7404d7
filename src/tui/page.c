/* A scrolling page of lines that wrap: what the case, its timeline, a victim and the help share. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/buf.h"
#include "docket/i18n.h"
#include "docket/text.h"
#include "docket/vocab.h"
#include "docket/xmalloc.h"
#include "tui_internal.h"

void
dk_page_add(struct dk_page *p, attr_t attr, const char *fmt, ...)
{
	struct dk_buf b = DK_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	dk_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->lines = dk_xrealloc(p->lines, (size_t)p->cap * sizeof(*p->lines));
		p->attrs = dk_xrealloc(p->attrs, (size_t)p->cap * sizeof(*p->attrs));
		p->indents = dk_xrealloc(p->indents, (size_t)p->cap * sizeof(*p->indents));
	}
	p->lines[p->n] = dk_xstrdup(dk_buf_str(&b));
	p->attrs[p->n] = attr;
	p->indents[p->n++] = p->wrap_indent;
	dk_buf_free(&b);
}

void
dk_page_add_text(struct dk_page *p, const char *indent, const char *text)
{
	const char *s = text;

	while (s != NULL && *s != '\0') {
		const char *nl = strchr(s, '\n');
		int len = nl != NULL ? (int)(nl - s) : (int)strlen(s);

		dk_page_add(p, A_NORMAL, "%s%.*s", indent, len, s);
		s = nl != NULL ? nl + 1 : NULL;
	}
}

void
dk_page_field(struct dk_page *p, const char *label, const char *value)
{
	static const int widths[] = {22, 0};
	const char *cells[] = {label, value};

	dk_page_add(p, A_NORMAL, "%s", dk_tui_columns(widths, cells, 2));
}

void
dk_page_append(struct dk_page *p, const struct dk_page *from)
{
	dk_page_append_lines(p, from, 0, from->n);
}

void
dk_page_append_lines(struct dk_page *p, const struct dk_page *from, int first, int n)
{
	int keep = p->wrap_indent;

	for (int i = first; i < first + n && i < from->n; i++) {
		p->wrap_indent = from->indents[i];
		dk_page_add(p, from->attrs[i], "%s", from->lines[i]);
	}
	p->wrap_indent = keep;
}

void
dk_page_truncate(struct dk_page *p, int n)
{
	while (p->n > n && p->n > 0) {
		dk_xfree_wiped(&p->lines[--p->n]);
	}
}

void
dk_page_clear(struct dk_page *p)
{
	dk_page_truncate(p, 0);
}

void
dk_page_free(struct dk_page *p)
{
	dk_page_clear(p);
	free(p->lines);
	free(p->attrs);
	free(p->indents);
	p->lines = NULL;
	p->attrs = NULL;
	p->indents = NULL;
	p->cap = 0;
}

/* Continuation rows keep at least this many columns for the text (else they start at 4). */
#define WRAP_MIN_COLS 24

/* Long lines wrap onto indented continuation rows, so no note is ever cut off. */
void
dk_page_draw(struct dk_page *p, int top, int rows, int cols)
{
	int width = cols - 2, y = 0;

	if (p->top > p->n - 1)
		p->top = p->n > 0 ? p->n - 1 : 0;
	for (int i = p->top; i < p->n && y < rows; i++) {
		int indent = width - p->indents[i] >= WRAP_MIN_COLS ? p->indents[i] : 4;

		y += dk_tui_put_wrapped(top + y, 1, width, rows - y, indent, p->lines[i],
		                        p->attrs[i]);
	}
}

/* Moves the top line for a movement action; false for any other action. */
static bool
move_top(struct dk_page *p, enum dk_tui_action a)
{
	int step = LINES - 4;

	switch (a) {
	case DK_ACT_DOWN:
		p->top++;
		return true;
	case DK_ACT_UP:
		p->top = p->top > 0 ? p->top - 1 : 0;
		return true;
	case DK_ACT_PAGE_DOWN:
		p->top += step;
		return true;
	case DK_ACT_PAGE_UP:
		p->top = p->top > step ? p->top - step : 0;
		return true;
	case DK_ACT_TOP:
		p->top = 0;
		return true;
	case DK_ACT_BOTTOM:
		p->top = p->n - step > 0 ? p->n - step : 0;
		return true;
	default:
		return false;
	}
}

bool
dk_page_scroll(struct dk_tui *t, struct dk_page *p, enum dk_tui_action a)
{
	int was = p->top;

	if (!move_top(p, a))
		return false;
	/* As drawn: the last line at most at the top, so Down at the end changes nothing. */
	if (p->top > p->n - 1)
		p->top = p->n > 0 ? p->n - 1 : 0;
	if (p->top != was)
		dk_tui_dirty(t, DK_DIRTY_BODY);
	return true;
}

const char *
dk_tui_label(enum dk_label_kind kind, const char *id)
{
	return id == NULL || id[0] == '\0' ? "-" : dk_label_show(kind, id);
}

const char *
dk_tui_vocab_label(enum dk_vocab_kind kind, const char *id)
{
	return dk_tui_label(DK_LABEL_OF_VOCAB(kind), id);
}
