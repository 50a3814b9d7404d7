/* Guarded memory for passphrases and keys: sodium_malloc'd, mlock'ed, wiped on release. */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "docket/secret.h"
#include "docket/xmalloc.h"

struct dk_secret *
dk_secret_new(size_t cap)
{
	struct dk_secret *s;

	/*
	 * sodium_malloc needs the page size that sodium_init records; calling it
	 * again is cheap and makes a secret safe to create before main has run it.
	 */
	if (sodium_init() < 0)
		abort();
	s = dk_xmalloc(sizeof(*s));
	/* A zero-byte region still gets its guard pages, so bytes is never NULL. */
	s->bytes = sodium_malloc(cap ? cap : 1);
	if (s->bytes == NULL)
		abort();
	/* sodium_malloc fills with 0xdb to expose use of uninitialized memory; we promise zeros. */
	sodium_memzero(s->bytes, cap ? cap : 1);
	s->len = 0;
	s->cap = cap;
	return s;
}

void
dk_secret_free(struct dk_secret **s)
{
	if (s == NULL || *s == NULL)
		return;
	/* sodium_free wipes too; wiping here keeps the promise independent of that. */
	sodium_memzero((*s)->bytes, (*s)->cap ? (*s)->cap : 1);
	sodium_free((*s)->bytes);
	(*s)->bytes = NULL;
	(*s)->len = (*s)->cap = 0;
	free(*s);
	*s = NULL;
}

struct dk_secret *
dk_secret_from(const void *bytes, size_t len)
{
	struct dk_secret *s = dk_secret_new(len);

	if (len > 0)
		memcpy(s->bytes, bytes, len);
	s->len = len;
	return s;
}
