-- A tap is one statement: the answer's insert keeps its assignment's count and completion here,
-- in the same statement, instead of a transaction of three round trips per tap.
CREATE TRIGGER feedback_answers_counted AFTER INSERT ON feedback_answers
BEGIN
    UPDATE feedback_assignments SET
        answered = answered + 1,
        completed_at = CASE WHEN completed_at IS NULL AND answered + 1 >= 7
            THEN NEW.answered_at ELSE completed_at END
    WHERE id = NEW.assignment_id;
END;

-- A round's assignments are stored in several transactions (a large organisation's would hold
-- the database's only write lock for many seconds in one); the round counts only once all are
-- stored. Rounds stored before this are complete.
ALTER TABLE feedback_rounds ADD COLUMN ready_at INTEGER;
UPDATE feedback_rounds SET ready_at = created_at;

-- A ratee's rounds ("my results", a subordinate's results) without reading every assignment.
CREATE INDEX feedback_assignments_ratee ON feedback_assignments (ratee_nip, round_id);
-- HR's reminder on demand looks up one rater's reminders in a round.
CREATE INDEX feedback_reminders_rater ON feedback_reminders (rater_nip, round_id);
