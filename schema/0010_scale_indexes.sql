-- Issue 14: every deadline screen and count an index walk.
--
-- The SQLite inside SQLCipher 3.4 (3.15) only calls an index covering when
-- every column the statement names is in it, the partial index's own WHERE
-- columns included: without met_on and ended_on each row of deadline_live
-- went back to the table (a 100k scan ~200 ms; covering, ~5 ms). The primary
-- key (case_id, rule, victim, start) is in every index of this WITHOUT ROWID
-- table already.
DROP INDEX deadline_live;
CREATE INDEX deadline_live ON deadline (due, ref, known_until, original_due, extensions, victim,
                                        met_on, ended_on)
    WHERE met_on IS NULL AND ended_on IS NULL;

-- The dashboard's counts by rule: one range (rule, due <= in 30 days) each.
-- "rule <> ''" (always true) keeps it to the statements that say so: SQLite
-- uses a partial index only when the statement repeats its WHERE terms, and
-- without statistics it preferred this index to the primary key inside the
-- victim pages' NOT EXISTS (a scan of every live victim_update row per victim).
CREATE INDEX deadline_rule_live ON deadline (rule, due, known_until, met_on, ended_on)
    WHERE met_on IS NULL AND ended_on IS NULL AND rule <> '';

-- Victims awaiting an update: their live per-victim rows in code order, so
-- the count of distinct victims and the victim list walk one index.
CREATE INDEX deadline_victim_live ON deadline (victim, due, known_until, met_on, ended_on)
    WHERE met_on IS NULL AND ended_on IS NULL AND victim <> '';
