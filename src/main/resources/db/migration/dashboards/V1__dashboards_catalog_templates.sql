-- The dashboards module (SPEC §7, seeds 002 and 003). The widget catalog and the built-in template of
-- each built-in role are the system's (the seed's WIDGET_CATALOG and DASHBOARD_TEMPLATE): no tenant
-- column, and the application's role may only read them. A tenant's own template for a role is kept
-- version by version in dashboards_templates; its newest version that was not undone is the one in
-- force, and a version without a layout means "the built-in one again".

CREATE TABLE dashboards_widgets (
    code              TEXT PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,63}$'),
    name_es           TEXT    NOT NULL CHECK (length(name_es) BETWEEN 1 AND 200),
    name_en           TEXT    NOT NULL CHECK (length(name_en) BETWEEN 1 AND 200),
    chart_kind        TEXT    NOT NULL CHECK (chart_kind IN ('kpi_cards', 'line', 'bar', 'pie', 'table', 'gauge')),
    source_module     TEXT    NOT NULL,
    permission        TEXT    NOT NULL CHECK (permission ~ '^[a-z][a-z_]*:[a-z][a-z_]*$'),
    audience          TEXT    NOT NULL CHECK (audience IN ('clinic', 'office', 'plant', 'all')),
    parameters_schema JSONB   NOT NULL,
    position          INT     NOT NULL UNIQUE
);
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON dashboards_widgets FROM ${appRole};

-- layout: {"widgets": [{"widget": code, "width": 1..4, "parameters": {...}}, ...]} in grid order.
CREATE TABLE dashboards_builtin_templates (
    role   TEXT PRIMARY KEY,
    layout JSONB NOT NULL
);
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON dashboards_builtin_templates FROM ${appRole};

CREATE TABLE dashboards_templates (
    tenant_id     UUID        NOT NULL REFERENCES tenants (id),
    role          TEXT        NOT NULL REFERENCES dashboards_builtin_templates (role),
    version       INT         NOT NULL CHECK (version >= 1),
    layout        JSONB,
    saved_by      UUID,
    saved_by_name TEXT,
    saved_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    undone_at     TIMESTAMPTZ,
    PRIMARY KEY (tenant_id, role, version)
);
CALL turno_isolate('dashboards_templates');

INSERT INTO dashboards_widgets (code, name_es, name_en, chart_kind, source_module, permission, audience, parameters_schema, position) VALUES
    ('appointments_today', 'Citas de hoy por estado', 'Today''s appointments by status', 'kpi_cards', 'scheduling', 'appointments:all', 'clinic',
     '{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","additionalProperties":false,"properties":{}}', 10),
    ('no_show_rate', 'Inasistencia por día', 'No-show rate per day', 'line', 'scheduling', 'appointments:all', 'clinic',
     '{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","additionalProperties":false,"properties":{"days":{"type":"integer","minimum":1,"maximum":366,"description":"Days back from today when the dashboard names no range"}}}', 20),
    ('income_by_method', 'Ingresos por medio de pago', 'Income by payment method', 'pie', 'billing', 'billing:reports', 'clinic',
     '{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","additionalProperties":false,"properties":{"days":{"type":"integer","minimum":1,"maximum":366,"description":"Days back from today when the dashboard names no range"}}}', 30),
    ('therapist_load', 'Carga de terapeutas (reservado ÷ disponible)', 'Therapist load (booked ÷ available)', 'bar', 'scheduling', 'appointments:all', 'clinic',
     '{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","additionalProperties":false,"properties":{"days":{"type":"integer","minimum":1,"maximum":366,"description":"Days back from today when the dashboard names no range"}}}', 45),
    ('upcoming_appointments', 'Próximas citas', 'Upcoming appointments', 'table', 'scheduling', 'appointments:read', 'clinic',
     '{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","additionalProperties":false,"properties":{"limit":{"type":"integer","minimum":1,"maximum":50}}}', 40),
    ('waiting_now', 'En espera por cola', 'Waiting now per queue', 'bar', 'queueing', 'tickets:read', 'office',
     '{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","additionalProperties":false,"properties":{"branch_id":{"type":"string","pattern":"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"}}}', 50),
    ('wait_by_priority', 'Espera por prioridad (media y p90)', 'Wait per priority (average and p90)', 'bar', 'queueing', 'queues:stats', 'office',
     '{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","additionalProperties":false,"properties":{"branch_id":{"type":"string","pattern":"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"},"days":{"type":"integer","minimum":1,"maximum":366,"description":"Days back from today when the dashboard names no range"}}}', 60),
    ('service_time_per_desk', 'Tiempo de atención por ventanilla', 'Service time per desk', 'bar', 'queueing', 'queues:stats', 'office',
     '{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","additionalProperties":false,"properties":{"branch_id":{"type":"string","pattern":"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"},"days":{"type":"integer","minimum":1,"maximum":366,"description":"Days back from today when the dashboard names no range"}}}', 70),
    ('tickets_per_hour', 'Turnos por hora', 'Tickets per hour', 'bar', 'queueing', 'queues:stats', 'office',
     '{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","additionalProperties":false,"properties":{"branch_id":{"type":"string","pattern":"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"},"days":{"type":"integer","minimum":1,"maximum":366,"description":"Days back from today when the dashboard names no range"}}}', 80),
    ('longest_waiting', 'Turnos que más esperan', 'Longest-waiting tickets', 'table', 'queueing', 'tickets:read', 'office',
     '{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","additionalProperties":false,"properties":{"branch_id":{"type":"string","pattern":"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"},"limit":{"type":"integer","minimum":1,"maximum":50}}}', 90),
    ('oee_cards', 'OEE (disponibilidad, rendimiento, calidad)', 'OEE (availability, performance, quality)', 'kpi_cards', 'production', 'detections:read', 'plant',
     '{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","additionalProperties":false,"properties":{"line_id":{"type":"string","pattern":"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"},"days":{"type":"integer","minimum":1,"maximum":366,"description":"Days back from today when the dashboard names no range"}}}', 100),
    ('production_series', 'Producción', 'Production', 'line', 'production', 'detections:read', 'plant',
     '{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","additionalProperties":false,"properties":{"line_id":{"type":"string","pattern":"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"},"days":{"type":"integer","minimum":1,"maximum":366,"description":"Days back from today when the dashboard names no range"},"interval":{"enum":["hour","shift","day"]}}}', 110),
    ('product_mix', 'Mezcla de productos', 'Product mix', 'pie', 'production', 'detections:read', 'plant',
     '{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","additionalProperties":false,"properties":{"line_id":{"type":"string","pattern":"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"},"days":{"type":"integer","minimum":1,"maximum":366,"description":"Days back from today when the dashboard names no range"}}}', 120),
    ('line_comparison', 'Comparación entre líneas', 'Comparison between lines', 'bar', 'production', 'detections:read', 'plant',
     '{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","additionalProperties":false,"properties":{"days":{"type":"integer","minimum":1,"maximum":366,"description":"Days back from today when the dashboard names no range"},"metric":{"enum":["oee","production","downtime"]}}}', 130),
    ('downtime_table', 'Paradas y motivos', 'Downtime and reasons', 'table', 'production', 'detections:read', 'plant',
     '{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","additionalProperties":false,"properties":{"line_id":{"type":"string","pattern":"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"},"days":{"type":"integer","minimum":1,"maximum":366,"description":"Days back from today when the dashboard names no range"},"limit":{"type":"integer","minimum":1,"maximum":50}}}', 140),
    ('notifications_by_channel', 'Notificaciones por canal', 'Notifications per channel', 'bar', 'notifications', 'notifications:read', 'all',
     '{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","additionalProperties":false,"properties":{"days":{"type":"integer","minimum":1,"maximum":366,"description":"Days back from today when the dashboard names no range"}}}', 150),
    ('recent_audit', 'Actividad reciente', 'Recent activity', 'table', 'audit', 'audit:read', 'all',
     '{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","additionalProperties":false,"properties":{"limit":{"type":"integer","minimum":1,"maximum":50}}}', 160);

INSERT INTO dashboards_builtin_templates (role, layout) VALUES
    ('ADMIN', '{"widgets":[{"widget":"recent_audit","width":4,"parameters":{"limit":10}},{"widget":"notifications_by_channel","width":2,"parameters":{"days":7}},{"widget":"appointments_today","width":2,"parameters":{}},{"widget":"waiting_now","width":2,"parameters":{}},{"widget":"oee_cards","width":2,"parameters":{"days":1}}]}'),
    ('MANAGER', '{"widgets":[{"widget":"income_by_method","width":2,"parameters":{"days":7}},{"widget":"appointments_today","width":2,"parameters":{}},{"widget":"no_show_rate","width":2,"parameters":{"days":30}},{"widget":"wait_by_priority","width":2,"parameters":{"days":7}},{"widget":"oee_cards","width":2,"parameters":{"days":7}},{"widget":"production_series","width":2,"parameters":{"days":7,"interval":"day"}},{"widget":"therapist_load","width":2,"parameters":{"days":7}}]}'),
    ('SUPERVISOR', '{"widgets":[{"widget":"waiting_now","width":2,"parameters":{}},{"widget":"longest_waiting","width":2,"parameters":{"limit":5}},{"widget":"wait_by_priority","width":2,"parameters":{"days":1}},{"widget":"tickets_per_hour","width":2,"parameters":{"days":1}},{"widget":"service_time_per_desk","width":2,"parameters":{"days":1}},{"widget":"appointments_today","width":2,"parameters":{}},{"widget":"no_show_rate","width":2,"parameters":{"days":14}},{"widget":"income_by_method","width":2,"parameters":{"days":1}},{"widget":"oee_cards","width":2,"parameters":{"days":1}},{"widget":"production_series","width":2,"parameters":{"days":1,"interval":"hour"}}]}'),
    ('RECEPTIONIST', '{"widgets":[{"widget":"waiting_now","width":2,"parameters":{}},{"widget":"longest_waiting","width":2,"parameters":{"limit":5}},{"widget":"appointments_today","width":2,"parameters":{}},{"widget":"upcoming_appointments","width":2,"parameters":{"limit":8}}]}'),
    ('THERAPIST', '{"widgets":[{"widget":"upcoming_appointments","width":4,"parameters":{"limit":10}}]}'),
    ('OPERATOR', '{"widgets":[{"widget":"oee_cards","width":4,"parameters":{"days":1}},{"widget":"production_series","width":2,"parameters":{"days":1,"interval":"hour"}},{"widget":"product_mix","width":2,"parameters":{"days":1}},{"widget":"downtime_table","width":4,"parameters":{"days":1,"limit":10}}]}'),
    ('VIEWER', '{"widgets":[{"widget":"appointments_today","width":2,"parameters":{}},{"widget":"waiting_now","width":2,"parameters":{}},{"widget":"oee_cards","width":2,"parameters":{"days":7}},{"widget":"production_series","width":2,"parameters":{"days":7,"interval":"day"}},{"widget":"notifications_by_channel","width":2,"parameters":{"days":7}}]}'),
    ('PATIENT', '{"widgets":[{"widget":"upcoming_appointments","width":4,"parameters":{"limit":5}}]}');
