-- The ratee's unit when the round was created: HR's per-unit figures stay the same whatever a
-- re-import does afterwards, so comparing two reports never isolates one person's results.
ALTER TABLE feedback_assignments ADD COLUMN ratee_unit_id INTEGER REFERENCES units (id);
UPDATE feedback_assignments SET ratee_unit_id =
    (SELECT e.unit_id FROM employees e WHERE e.nip = feedback_assignments.ratee_nip);
