-- The OEE gauge (V2) was in no built-in template (issue 21). It belongs to the MANAGER: the plant's headline
-- figure over the week at a glance, drawn as a half dial, in the place of the OEE cards, whose split into
-- availability, performance and quality stays on the SUPERVISOR's dashboard and the plant's board (OPERATOR).
UPDATE dashboards_builtin_templates
SET layout = '{"widgets":[{"widget":"income_by_method","width":2,"parameters":{"days":7}},{"widget":"appointments_today","width":2,"parameters":{}},{"widget":"no_show_rate","width":2,"parameters":{"days":30}},{"widget":"wait_by_priority","width":2,"parameters":{"days":7}},{"widget":"oee_gauge","width":2,"parameters":{"days":7}},{"widget":"production_series","width":2,"parameters":{"days":7,"interval":"day"}},{"widget":"therapist_load","width":2,"parameters":{"days":7}}]}'
WHERE role = 'MANAGER';
