/* The horizontal bar chart: bars in eighths of a cell (or '#'), its columns, and its drawing. */
#include <langinfo.h>
#include <limits.h>
#include <stdlib.h>
#include <strings.h>

#include "chart.h"
#include "docket/buf.h"
#include "docket/text.h"
#include "tui_internal.h"

#define FULL_BLOCK "\xe2\x96\x88" /* U+2588 */

/* A cell filled to k eighths from the left: U+258F (one eighth) ... U+2589 (seven). */
static const char *const partial_blocks[8] = {
    "",
    "\xe2\x96\x8f",
    "\xe2\x96\x8e",
    "\xe2\x96\x8d",
    "\xe2\x96\x8c",
    "\xe2\x96\x8b",
    "\xe2\x96\x8a",
    "\xe2\x96\x89",
};

/*
 * value out of max in units, to the nearest unit (halves up); at least one
 * above 0. Counts too large for the product are halved together first: the
 * ratio, all that shows, stays.
 */
static long long
units_of(long value, long max, long long units)
{
	long long v = value < max ? value : max, m = max, n;

	if (value <= 0 || max <= 0 || units <= 0)
		return 0;
	while (m > LLONG_MAX / (2 * units + 1)) {
		v /= 2;
		m /= 2;
	}
	n = (2 * v * units + m) / (2 * m);
	return n > 0 ? n : 1;
}

static void
put_repeated(struct dk_buf *out, const char *s, long long n)
{
	while (n-- > 0)
		dk_buf_puts(out, s);
}

int
dk_chart_bar(struct dk_buf *out, long value, long max, int width, bool ascii)
{
	long long eighths, cells;

	if (width > DK_CHART_WIDTH_MAX)
		width = DK_CHART_WIDTH_MAX;
	if (ascii) {
		cells = units_of(value, max, width);
		put_repeated(out, "#", cells);
		return (int)cells;
	}
	eighths = units_of(value, max, 8LL * width);
	put_repeated(out, FULL_BLOCK, eighths / 8);
	dk_buf_puts(out, partial_blocks[eighths % 8]);
	return (int)((eighths + 7) / 8);
}

/* A row's value as it shows: the count, or "<3" when suppressed. */
static void
value_text(struct dk_buf *out, const struct dk_chart_row *row)
{
	if (row->suppressed)
		dk_buf_puts(out, DK_CHART_SUPPRESSED);
	else
		dk_buf_printf(out, "%ld", row->value);
}

/* Columns the text takes once sanitized, as it will be drawn. */
static int
shown_width(const char *s)
{
	struct dk_buf safe = DK_BUF_INIT;
	int w;

	dk_text_sanitize(&safe, s != NULL ? s : "", DK_SANITIZE_LINE);
	w = dk_text_width(dk_buf_str(&safe));
	dk_buf_free(&safe);
	return w;
}

struct dk_chart_layout
dk_chart_layout(const struct dk_chart *c, int cols)
{
	struct dk_chart_layout l = {0, 0, 0, 0};
	struct dk_buf value = DK_BUF_INIT;

	for (int i = 0; i < c->nrows; i++) {
		const struct dk_chart_row *row = &c->rows[i];
		int w = shown_width(row->label);

		l.label = w > l.label ? w : l.label;
		if (!row->suppressed && row->value > l.max)
			l.max = row->value;
		dk_buf_reset(&value);
		value_text(&value, row);
		w = dk_text_width(dk_buf_str(&value));
		l.value = w > l.value ? w : l.value;
	}
	dk_buf_free(&value);
	if (l.label > cols * 2 / 5)
		l.label = cols * 2 / 5;
	l.bar = cols - l.label - l.value - 2 * DK_CHART_GAP;
	l.bar = l.bar < 0 ? 0 : l.bar < DK_CHART_WIDTH_MAX ? l.bar : DK_CHART_WIDTH_MAX;
	return l;
}

void
dk_chart_line(struct dk_buf *out, const struct dk_chart *c, const struct dk_chart_layout *l, int i)
{
	const struct dk_chart_row *row = &c->rows[i];
	struct dk_buf text = DK_BUF_INIT;
	int used = 0;

	dk_text_sanitize(&text, row->label != NULL ? row->label : "", DK_SANITIZE_LINE);
	dk_text_fit(out, dk_buf_str(&text), l->label, true);
	put_repeated(out, " ", DK_CHART_GAP);
	if (!row->suppressed)
		used = dk_chart_bar(out, row->value, l->max, l->bar, c->ascii);
	put_repeated(out, " ", l->bar - used + DK_CHART_GAP);
	dk_buf_reset(&text);
	value_text(&text, row);
	put_repeated(out, " ", l->value - dk_text_width(dk_buf_str(&text)));
	dk_buf_puts(out, dk_buf_str(&text));
	dk_buf_free(&text);
}

bool
dk_chart_locale_utf8(void)
{
	const char *set = nl_langinfo(CODESET);

	/* MB_CUR_MAX alone would take EUC-JP or GB18030 for UTF-8: the set is named. */
	return MB_CUR_MAX > 1 && set != NULL &&
	       (strcasecmp(set, "UTF-8") == 0 || strcasecmp(set, "utf8") == 0);
}

void
dk_chart_draw(const struct dk_chart *c, int y, int x, int rows, int cols, int first, int sel)
{
	struct dk_chart_layout l = dk_chart_layout(c, cols);
	struct dk_buf line = DK_BUF_INIT;

	if (rows <= 0)
		return;
	dk_tui_put(y, x, cols, c->title, A_BOLD);
	for (int r = 1, i = first; r < rows && i < c->nrows; r++, i++) {
		if (i < 0)
			continue;
		dk_buf_reset(&line);
		dk_chart_line(&line, c, &l, i);
		dk_tui_put(y + r, x, cols, dk_buf_str(&line), i == sel ? A_REVERSE : A_NORMAL);
	}
	dk_buf_free(&line);
}
