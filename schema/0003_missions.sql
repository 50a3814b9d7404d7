-- docket schema 3: missions are a register, not free text.
-- A case, an account scope or a holiday names a mission of this table (the
-- app checks it; a closed mission takes no new cases, scopes or holidays).
-- code is the UN acronym (domain.md: 2-12 upper-case letters); country is
-- the host's ISO 3166-1 alpha-3 code, NULL when the mission spans several
-- or the territory has no code of its own; closed_on is NULL while open.
CREATE TABLE mission (
    code      TEXT PRIMARY KEY
              CHECK (length(code) BETWEEN 2 AND 12 AND code NOT GLOB '*[^A-Z]*'),
    name      TEXT NOT NULL CHECK (name <> ''),
    country   TEXT CHECK (country IS NULL OR (length(country) = 3 AND country NOT GLOB '*[^A-Z]*')),
    closed_on TEXT
) WITHOUT ROWID;

-- Peacekeeping operations.
INSERT INTO mission VALUES ('MINURSO', 'United Nations Mission for the Referendum in Western Sahara', 'ESH', NULL);
INSERT INTO mission VALUES ('MINUSCA', 'United Nations Multidimensional Integrated Stabilization Mission in the Central African Republic', 'CAF', NULL);
INSERT INTO mission VALUES ('MONUSCO', 'United Nations Organization Stabilization Mission in the Democratic Republic of the Congo', 'COD', NULL);
INSERT INTO mission VALUES ('UNDOF', 'United Nations Disengagement Observer Force', 'SYR', NULL);
INSERT INTO mission VALUES ('UNFICYP', 'United Nations Peacekeeping Force in Cyprus', 'CYP', NULL);
INSERT INTO mission VALUES ('UNIFIL', 'United Nations Interim Force in Lebanon', 'LBN', NULL);
-- Abyei, between Sudan and South Sudan; Kosovo has no ISO 3166-1 code;
-- UNMOGIP and UNTSO serve several countries.
INSERT INTO mission VALUES ('UNISFA', 'United Nations Interim Security Force for Abyei', NULL, NULL);
INSERT INTO mission VALUES ('UNMIK', 'United Nations Interim Administration Mission in Kosovo', NULL, NULL);
INSERT INTO mission VALUES ('UNMISS', 'United Nations Mission in the Republic of South Sudan', 'SSD', NULL);
INSERT INTO mission VALUES ('UNMOGIP', 'United Nations Military Observer Group in India and Pakistan', NULL, NULL);
INSERT INTO mission VALUES ('UNTSO', 'United Nations Truce Supervision Organization', NULL, NULL);
-- Closed peacekeeping operations whose cases may still be open.
INSERT INTO mission VALUES ('MINUSMA', 'United Nations Multidimensional Integrated Stabilization Mission in Mali', 'MLI', '2023-12-31');
INSERT INTO mission VALUES ('UNAMID', 'African Union-United Nations Hybrid Operation in Darfur', 'SDN', '2020-12-31');
INSERT INTO mission VALUES ('MINUJUSTH', 'United Nations Mission for Justice Support in Haiti', 'HTI', '2019-10-15');
INSERT INTO mission VALUES ('UNMIL', 'United Nations Mission in Liberia', 'LBR', '2018-03-30');

-- Special political missions and support offices with conduct and
-- discipline functions.
INSERT INTO mission VALUES ('UNAMA', 'United Nations Assistance Mission in Afghanistan', 'AFG', NULL);
INSERT INTO mission VALUES ('UNSMIL', 'United Nations Support Mission in Libya', 'LBY', NULL);
INSERT INTO mission VALUES ('UNTMIS', 'United Nations Transitional Assistance Mission in Somalia', 'SOM', NULL);
INSERT INTO mission VALUES ('UNSOS', 'United Nations Support Office in Somalia', 'SOM', NULL);
INSERT INTO mission VALUES ('BINUH', 'United Nations Integrated Office in Haiti', 'HTI', NULL);
INSERT INTO mission VALUES ('UNMHA', 'United Nations Mission to Support the Hodeidah Agreement', 'YEM', NULL);
INSERT INTO mission VALUES ('UNVMC', 'United Nations Verification Mission in Colombia', 'COL', NULL);
-- Closed: UNAMI's mandate ended with 2025; UNSOM became UNTMIS;
-- UNITAMS left Sudan in 2024.
INSERT INTO mission VALUES ('UNAMI', 'United Nations Assistance Mission for Iraq', 'IRQ', '2025-12-31');
INSERT INTO mission VALUES ('UNSOM', 'United Nations Assistance Mission in Somalia', 'SOM', '2024-10-30');
INSERT INTO mission VALUES ('UNITAMS', 'United Nations Integrated Transition Assistance Mission in Sudan', 'SDN', '2024-02-29');

-- Nothing already recorded becomes invalid: every code in use is
-- registered, named after itself (an administrator may close it once its
-- cases are moved to the right mission).
INSERT OR IGNORE INTO mission (code, name)
    SELECT mission, mission FROM case_file
    UNION SELECT mission, mission FROM account_mission
    UNION SELECT mission, mission FROM holiday
    UNION SELECT mission, mission FROM ref_counter;

-- A case recorded under the wrong mission can be moved to the right one;
-- its reference, and so its number, stay. The number is kept under the
-- reference's mission (ref_mission) and mission is where the case is now.
ALTER TABLE case_file ADD COLUMN ref_mission TEXT NOT NULL DEFAULT '';
UPDATE case_file SET ref_mission = mission;
DROP INDEX case_file_number;
CREATE UNIQUE INDEX case_file_number ON case_file (ref_mission, year, seq);
