-- deadlines.md, "Readings that decide the edge cases".
--
-- A deadline already overdue when its case closes ends unmet and stays, as
-- missed: ended_on is the closing day (NULL otherwise). Live means neither
-- met nor ended, so the live index leaves ended rows out.
ALTER TABLE deadline ADD COLUMN ended_on TEXT;
DROP INDEX deadline_live;
CREATE INDEX deadline_live ON deadline (due, ref, known_until, original_due, extensions, victim)
    WHERE met_on IS NULL AND ended_on IS NULL;
DROP INDEX deadline_due;
CREATE INDEX deadline_due ON deadline (due, ref, known_until, original_due, extensions, met_on,
                                       victim, ended_on);

-- The readings live in the evaluation (C), not in SQL: the first command after
-- the next unlock evaluates every case again and removes this mark.
INSERT OR REPLACE INTO meta (key, value) VALUES ('deadlines_recompute', 'pending');
