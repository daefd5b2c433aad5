-- A gauge of the plant's OEE (issue 21): the same figure as oee_cards' OEE card, drawn as a half dial.
INSERT INTO dashboards_widgets (code, name_es, name_en, chart_kind, source_module, permission, audience, parameters_schema, position) VALUES
    ('oee_gauge', 'Indicador OEE', 'OEE gauge', 'gauge', 'production', 'detections:read', 'plant',
     '{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","additionalProperties":false,"properties":{"line_id":{"type":"string","pattern":"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"},"days":{"type":"integer","minimum":1,"maximum":366,"description":"Days back from today when the dashboard names no range"}}}', 105);
