-- Issue 14: the case list by reference is an index walk. case_file_number leads with the
-- office (numbering is per office), so ORDER BY ref_mission, year, seq sorted every case.
CREATE INDEX case_file_ref_order ON case_file (ref_mission, year, seq, office);
