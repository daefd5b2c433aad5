-- A ticket's status as committed at this moment, not as the calling statement's snapshot saw it: a
-- volatile SQL function reads with a snapshot of its own. Calling the next ticket checks it before
-- locking a candidate, so a ticket another desk has called since the statement began is passed over
-- without being locked; locked, it stayed locked until the call committed, and that desk's own
-- "complete" waited for it.
CREATE FUNCTION queueing_ticket_status_now(tenant UUID, ticket UUID) RETURNS TEXT
    LANGUAGE sql VOLATILE
    AS $$ SELECT status FROM queueing_tickets WHERE tenant_id = tenant AND id = ticket $$;
