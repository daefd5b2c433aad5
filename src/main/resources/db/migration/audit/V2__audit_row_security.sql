-- A tenant sees and extends only its own chain.
CALL turno_isolate('audit_log');
