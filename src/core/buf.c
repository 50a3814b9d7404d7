/* Growable string buffer; zeroed before release because it may carry case data. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/buf.h"
#include "docket/xmalloc.h"

static void
buf_reserve(struct dk_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	size_t cap;
	char *p;

	if (need <= b->cap)
		return;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	/* Not realloc: the old block must be wiped, not left behind on the heap. */
	p = dk_xmalloc(cap);
	if (b->data != NULL) {
		memcpy(p, b->data, b->len + 1);
		explicit_bzero(b->data, b->cap);
		free(b->data);
	} else {
		p[0] = '\0';
	}
	b->data = p;
	b->cap = cap;
}

void
dk_buf_append(struct dk_buf *b, const char *s, size_t n)
{
	buf_reserve(b, n);
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
dk_buf_puts(struct dk_buf *b, const char *s)
{
	dk_buf_append(b, s, strlen(s));
}

void
dk_buf_putc(struct dk_buf *b, char c)
{
	dk_buf_append(b, &c, 1);
}

void
dk_buf_vprintf(struct dk_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		abort();
	buf_reserve(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
dk_buf_printf(struct dk_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	dk_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
dk_buf_reset(struct dk_buf *b)
{
	if (b->data != NULL) {
		explicit_bzero(b->data, b->cap);
		b->data[0] = '\0';
	}
	b->len = 0;
}

const char *
dk_buf_str(const struct dk_buf *b)
{
	return b->data != NULL ? b->data : "";
}

void
dk_buf_free(struct dk_buf *b)
{
	if (b->data != NULL) {
		explicit_bzero(b->data, b->cap);
		free(b->data);
	}
	b->data = NULL;
	b->len = b->cap = 0;
}
