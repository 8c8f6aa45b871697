-- Which instance of the service runs a run, so a restarted instance can end the runs its
-- previous process left `running` (killed before it could) and no other instance's: a run is
-- never left without its terminal event. NULL for runs stored before this column existed.
ALTER TABLE runs ADD COLUMN IF NOT EXISTS instance_id text;
CREATE INDEX IF NOT EXISTS runs_running_instance_idx ON runs (instance_id) WHERE status = 'running';
