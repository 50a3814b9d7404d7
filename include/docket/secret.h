/* Guarded memory for passphrases and keys (libsodium's sodium_malloc). */
#ifndef DOCKET_SECRET_H
#define DOCKET_SECRET_H

#include <stddef.h>

/*
 * A secret lives in a sodium_malloc'd, mlock'ed region with guard pages;
 * dk_secret_free wipes it. len is the bytes in use, cap the capacity.
 */
struct dk_secret {
	unsigned char *bytes;
	size_t len;
	size_t cap;
};

/* A zeroed secret of capacity cap (len 0). Aborts when memory is exhausted. */
struct dk_secret *dk_secret_new(size_t cap);

/* Wipes and frees *s, then sets *s to NULL. Accepts NULL and *s == NULL. */
void dk_secret_free(struct dk_secret **s);

/* A copy of bytes[0..len) in guarded memory. */
struct dk_secret *dk_secret_from(const void *bytes, size_t len);

#endif
