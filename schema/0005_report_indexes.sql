-- docket schema 5: what the timeliness and follow-up reports read (issue 12),
-- indexed so that each report is one pass over small indexes. Every index
-- here covers what the reports read: a row looked up in a big table costs a
-- page to decrypt.

-- Referrals: a case's moves to referred, by case (timeliness counts from the
-- latest one by the report's day). kind and state are in the key because
-- SQLite does not count a partial index's own WHERE as covering them.
CREATE INDEX event_referral ON event (case_id, on_date, kind, state)
    WHERE kind = 'moved' AND state = 'referred';

-- A case's own deadlines (not its victims', which are most of the rows).
CREATE INDEX deadline_own ON deadline (case_id, rule, start, due, original_due, met_on, ended_on,
                                       extensions)
    WHERE victim = '';

-- Paternity steps, few among victims' events (follow-up's pending claims).
CREATE INDEX victim_event_paternity ON victim_event (victim_id, on_date, recorded_at, item, kind)
    WHERE kind = 'paternity';
