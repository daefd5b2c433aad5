-- The patient's own ticket (issue 21: "a patient sees their next appointments and their ticket"): their
-- waiting tickets with the number, the queue and the place in it. It shows the caller's own ticket only,
-- so the dashboard's own permission is enough to see it.
INSERT INTO dashboards_widgets (code, name_es, name_en, chart_kind, source_module, permission, audience, parameters_schema, position) VALUES
    ('my_ticket', 'Mi turno', 'My ticket', 'table', 'queueing', 'dashboards:read', 'office',
     '{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","additionalProperties":false,"properties":{}}', 95);

UPDATE dashboards_builtin_templates
SET layout = '{"widgets":[{"widget":"my_ticket","width":2,"parameters":{}},{"widget":"upcoming_appointments","width":2,"parameters":{"limit":5}}]}'
WHERE role = 'PATIENT';
