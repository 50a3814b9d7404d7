/* Allocation that never returns NULL: out of memory aborts (as tmux does). */
#ifndef DOCKET_XMALLOC_H
#define DOCKET_XMALLOC_H

#include <stddef.h>

void *dk_xmalloc(size_t size) __attribute__((malloc, returns_nonnull));
void *dk_xcalloc(size_t n, size_t size) __attribute__((malloc, returns_nonnull));
void *dk_xrealloc(void *p, size_t size) __attribute__((returns_nonnull));
char *dk_xstrdup(const char *s) __attribute__((malloc, returns_nonnull));
char *dk_xstrndup(const char *s, size_t n) __attribute__((malloc, returns_nonnull));
/* Wipes the string *s holds (it may be case data), frees it and NULLs *s; accepts NULL. */
void dk_xfree_wiped(char **s);
/* The same for a block of n bytes (a struct that held case data); accepts NULL. */
void dk_xfree_wiped_n(void *p, size_t n);
char *dk_xasprintf(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), malloc, returns_nonnull));

#endif
