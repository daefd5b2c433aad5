-- The language a user is written to in (alerts heard from events): es or en.
ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT 'es' CHECK (language IN ('es', 'en'));
