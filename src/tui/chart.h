/*
 * A horizontal bar chart (the reports screen, issue 12): rows of "label  bar
 * value" under a title. The geometry (bars, column widths, a row's text) is
 * pure and unit-tested; dk_chart_draw puts it on the screen through dk_tui_put.
 */
#ifndef DOCKET_TUI_CHART_H
#define DOCKET_TUI_CHART_H

#include <stdbool.h>

struct dk_buf;

#define DK_CHART_SUPPRESSED "<3" /* a public count of 1 or 2, as the CLI prints it */
#define DK_CHART_GAP 2           /* blanks between the label, the bar and the value */
#define DK_CHART_WIDTH_MAX 1000  /* cells a bar may take: wider than any terminal */

struct dk_chart_row {
	const char *label; /* any text: sanitized and cut by display width */
	long value;
	bool suppressed; /* public and 1 or 2: drawn "<3" with no bar, left out of the scale */
};

struct dk_chart {
	const char *title;
	const struct dk_chart_row *rows;
	int nrows;
	bool ascii; /* '#' bars: the locale cannot show block elements (dk_chart_locale_utf8) */
};

/* The columns of a chart in a width (every row measured, so scrolling moves nothing). */
struct dk_chart_layout {
	long max;  /* the largest value not suppressed: it fills the bar column */
	int label; /* columns: the widest label, at most two fifths of the width */
	int bar;   /* cells left for the bars */
	int value; /* columns: the widest value, right-aligned */
};

/*
 * Appends the bar of value out of max in width cells: full blocks (U+2588)
 * and one partial block of 1 to 7 eighths (U+258F ... U+2589), the length
 * rounded to the nearest eighth (halves up); with ascii, '#' per cell,
 * rounded to the nearest cell. Any value above 0 shows at least one eighth
 * (one '#'), 0 nothing, max (or more) exactly width cells. Returns the
 * cells taken.
 */
int dk_chart_bar(struct dk_buf *out, long value, long max, int width, bool ascii);

/* The columns of c in cols columns. */
struct dk_chart_layout dk_chart_layout(const struct dk_chart *c, int cols);

/* Appends row i of c laid out by l: exactly l->label + l->bar + l->value + 2 gaps columns. */
void dk_chart_line(struct dk_buf *out, const struct dk_chart *c, const struct dk_chart_layout *l,
                   int i);

/* Whether the locale's character set is UTF-8, so block elements can be shown; ask it once. */
bool dk_chart_locale_utf8(void);

/*
 * Draws c at (y, x) over rows lines of cols columns: the title in bold,
 * then the chart's rows [first, first + rows - 1), row sel (-1: none) in
 * reverse video. Scrolling and selection are the caller's.
 */
void dk_chart_draw(const struct dk_chart *c, int y, int x, int rows, int cols, int first, int sel);

#endif
