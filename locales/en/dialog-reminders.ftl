## Dialog reminders, quarterly flags, holidays.

