-- A person of the registry may sign in (a PATIENT account): the link lets appointments and clinical
-- records answer "is this caller that person?". One account per person and one person per account.
ALTER TABLE customers ADD COLUMN user_id UUID;
ALTER TABLE customers ADD CONSTRAINT customers_user_uq UNIQUE (tenant_id, user_id);
