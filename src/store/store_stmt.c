/* The prepared-once statements, and binding their parameters and reading their columns. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "docket/i18n.h"
#include "docket/xmalloc.h"
#include "store_internal.h"

static const char *const stmt_sql[DK_STMT_COUNT] = {
#define DK_STMT_SQL(name, sql) [DK_STMT_##name] = sql,
    DK_STMT_LIST(DK_STMT_SQL) DK_STMT_EXCHANGE_LIST(DK_STMT_SQL)
#undef DK_STMT_SQL
};

sqlite3_stmt *
dk_store_stmt(struct dk_store *s, enum dk_stmt_id id, struct dk_err *err)
{
	sqlite3_stmt *st = s->stmts[id];

	if (st == NULL) {
		if (sqlite3_prepare_v2(s->db, stmt_sql[id], -1, &s->stmts[id], NULL) != SQLITE_OK) {
			dk_store_fail(s, _("preparing a query"), err);
			return NULL;
		}
		return s->stmts[id];
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return st;
}

int
dk_store_bind_opt_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v == NULL || v[0] == '\0')
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
}

const char *
dk_store_opt(const char *text)
{
	return text != NULL && text[0] != '\0' ? text : NULL;
}

int
dk_store_bind_date(sqlite3_stmt *st, int i, dk_date d)
{
	char buf[DK_DATE_STRLEN];

	if (d == DK_DATE_NONE)
		return sqlite3_bind_null(st, i);
	dk_date_format(d, buf);
	return sqlite3_bind_text(st, i, buf, -1, SQLITE_TRANSIENT);
}

dk_date
dk_store_column_date(sqlite3_stmt *st, int i)
{
	const char *t = (const char *)sqlite3_column_text(st, i);
	dk_date d;

	if (t == NULL || !dk_date_parse(t, &d))
		return DK_DATE_NONE;
	return d;
}

void
dk_store_copy_text(char *dst, size_t size, sqlite3_stmt *st, int col)
{
	const char *t = (const char *)sqlite3_column_text(st, col);
	size_t n;

	/* snprintf's result without its cost: every listing copies a dozen columns a row. */
	if (size == 0)
		return;
	t = t != NULL ? t : "";
	n = strnlen(t, size - 1);
	memcpy(dst, t, n);
	dst[n] = '\0';
}

char *
dk_store_column_dup(sqlite3_stmt *st, int col)
{
	const char *t = (const char *)sqlite3_column_text(st, col);

	return t != NULL ? dk_xstrdup(t) : NULL;
}

void
dk_store_copy_blob(unsigned char *dst, size_t size, sqlite3_stmt *st, int col)
{
	const void *b = sqlite3_column_blob(st, col);
	size_t n = (size_t)sqlite3_column_bytes(st, col);

	memset(dst, 0, size);
	if (b != NULL)
		memcpy(dst, b, n < size ? n : size);
}

void
dk_store_bind_gid_office(sqlite3_stmt *st, const unsigned char *gid, const unsigned char *office)
{
	sqlite3_bind_blob(st, 1, gid, DK_GID_LEN, SQLITE_STATIC);
	sqlite3_bind_blob(st, 2, office, DK_GID_LEN, SQLITE_STATIC);
}

enum dk_rc
dk_store_step_insert(struct dk_store *s, sqlite3_stmt *st, const char *doing, struct dk_err *err)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return DK_OK;
	if ((rc & 0xff) == SQLITE_CONSTRAINT &&
	    (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY))
		return dk_err_set(err, DK_EXISTS, "%s: %s", doing, _("already recorded"));
	return dk_store_fail(s, doing, err);
}

/* Binds one argument per letter of binds, from ?1 (see dk_store_row). */
static void
bind_args(sqlite3_stmt *st, const char *binds, va_list ap)
{
	for (int i = 0; binds[i] != '\0'; i++) {
		switch (binds[i]) {
		case 't':
			sqlite3_bind_text(st, i + 1, va_arg(ap, const char *), -1, SQLITE_STATIC);
			break;
		case 'i':
			sqlite3_bind_int(st, i + 1, va_arg(ap, int));
			break;
		case 'I':
			sqlite3_bind_int64(st, i + 1, va_arg(ap, int64_t));
			break;
		case 'g':
			sqlite3_bind_blob(st, i + 1, va_arg(ap, const void *), DK_GID_LEN,
			                  SQLITE_STATIC);
			break;
		case 'k':
			sqlite3_bind_blob(st, i + 1, va_arg(ap, const void *), 32, SQLITE_STATIC);
			break;
		}
	}
}

enum dk_rc
dk_store_row(struct dk_store *s, enum dk_stmt_id id, dk_store_row_reader read, void *out,
             bool *found, const char *doing, struct dk_err *err, const char *binds, ...)
{
	sqlite3_stmt *st = dk_store_stmt(s, id, err);
	va_list ap;
	int rc;

	if (found != NULL)
		*found = false;
	FAIL_IF_NULL(st, err);
	va_start(ap, binds);
	bind_args(st, binds, ap);
	va_end(ap);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && read != NULL)
		read(st, out);
	sqlite3_reset(st);
	if (found != NULL)
		*found = rc == SQLITE_ROW;
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? DK_OK : dk_store_fail(s, doing, err);
}

void
dk_store_read_int64(sqlite3_stmt *st, void *out)
{
	*(int64_t *)out = sqlite3_column_int64(st, 0);
}

void
dk_store_read_text(sqlite3_stmt *st, void *out)
{
	*(char **)out = dk_store_column_dup(st, 0);
}
