/* A growable byte buffer, always NUL-terminated. */
#ifndef DOCKET_BUF_H
#define DOCKET_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct dk_buf {
	char *data; /* NUL-terminated; NULL until the first append */
	size_t len;
	size_t cap;
};

#define DK_BUF_INIT                                                                                \
	{                                                                                          \
		NULL, 0, 0                                                                         \
	}

void dk_buf_append(struct dk_buf *b, const char *s, size_t n);
void dk_buf_puts(struct dk_buf *b, const char *s);
void dk_buf_putc(struct dk_buf *b, char c);
void dk_buf_printf(struct dk_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void dk_buf_vprintf(struct dk_buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* Empties the buffer, keeping its memory. */
void dk_buf_reset(struct dk_buf *b);
/* The contents as a C string ("" when empty). */
const char *dk_buf_str(const struct dk_buf *b);
/* Frees the memory, first zeroing it (buffers may hold case data). */
void dk_buf_free(struct dk_buf *b);

#endif
