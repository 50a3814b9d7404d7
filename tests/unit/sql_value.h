/*
 * For unit tests that look beneath the store: the one value of a raw query,
 * as text ("" for NULL), malloc'd, and an assertion on it. Include after
 * <cmocka.h>.
 */
#ifndef DOCKET_TEST_SQL_VALUE_H
#define DOCKET_TEST_SQL_VALUE_H

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

static inline char *
test_sql_value(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	const unsigned char *text;
	char *out;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	if (sqlite3_step(st) != SQLITE_ROW)
		fail_msg("%s: no row", sql);
	text = sqlite3_column_text(st, 0);
	out = strdup(text != NULL ? (const char *)text : "");
	sqlite3_finalize(st);
	return out;
}

static inline void
test_assert_sql_value(sqlite3 *db, const char *sql, const char *want)
{
	char *got = test_sql_value(db, sql);

	if (strcmp(got, want) != 0)
		fail_msg("%s: got '%s', want '%s'", sql, got, want);
	free(got);
}

#endif
