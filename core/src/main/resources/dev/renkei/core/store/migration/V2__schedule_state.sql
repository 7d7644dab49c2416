-- The scheduler's memory per robot: the schedule it last saw and the instant that schedule counts from.
CREATE TABLE renkei_schedule_state (
    tenant_id          VARCHAR(64)  NOT NULL,
    robot_id           VARCHAR(64)  NOT NULL,
    fingerprint        VARCHAR(400) NOT NULL,
    effective_from     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT renkei_schedule_state_pk PRIMARY KEY (tenant_id, robot_id)
);
CREATE INDEX renkei_runs_window_ix ON renkei_runs (window_start);
