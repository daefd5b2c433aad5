-- The language a person is written to in (messages heard from events, reminders): es or en.
ALTER TABLE customers ADD COLUMN language TEXT NOT NULL DEFAULT 'es' CHECK (language IN ('es', 'en'));
