/*
 * The world the report tests share: a database in a temporary directory,
 * today 2026-11-27, the administrator root and olga, an officer of MINUSCA,
 * both unlocked (one Argon2id each: the slow part of the setup).
 */
#ifndef DOCKET_TEST_REPORT_WORLD_H
#define DOCKET_TEST_REPORT_WORLD_H

#include <limits.h>

#include "docket/app.h"

struct report_world {
	char dir[PATH_MAX - 64];
	char db[PATH_MAX];
	struct dk_app *admin, *officer;
	dk_date today;
};

/* Opens a fresh world in $TMPDIR/docket-NAME-XXXXXX; 0 or -1. */
int report_world_open(struct report_world *w, const char *name);

/* Frees both sessions and removes the directory; 0 or -1. */
int report_world_close(struct report_world *w);

#endif
