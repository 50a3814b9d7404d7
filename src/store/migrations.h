/* The schema migrations embedded at build time by tools/embed_sql.py. */
#ifndef DOCKET_STORE_MIGRATIONS_H
#define DOCKET_STORE_MIGRATIONS_H

struct dk_migration {
	int version;
	const char *name;
	const char *sql;
};

extern const struct dk_migration dk_migrations[];
extern const int dk_migration_count;

#endif
