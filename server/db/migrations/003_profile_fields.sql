-- Sync schema 2: athletes gain profile fields (goal race, target pace, heart rates, integrations),
-- and documents are looked up by their athlete (activities, daily metrics, signals, assignments).

UPDATE documents
   SET data = jsonb_build_object('goal_race', NULL, 'target_pace_s_per_km', NULL, 'max_hr', NULL, 'resting_hr', NULL, 'integrations', '[]'::jsonb) || data
 WHERE collection = 'athletes';

CREATE INDEX documents_athlete_idx ON documents (org_id, collection, (data->>'athlete_id')) WHERE NOT deleted;
