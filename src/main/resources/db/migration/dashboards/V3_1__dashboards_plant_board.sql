-- The plant's dashboard, /production, is the OPERATOR role's template (issue 21): it gains the line
-- comparison by production that the page had, and its production series goes by the hour or the day as
-- the range asks (no interval: two days or less by the hour, beyond by the day).
UPDATE dashboards_builtin_templates
SET layout = '{"widgets":[{"widget":"oee_cards","width":4,"parameters":{"days":1}},{"widget":"production_series","width":4,"parameters":{"days":1}},{"widget":"product_mix","width":2,"parameters":{"days":1}},{"widget":"line_comparison","width":2,"parameters":{"days":1,"metric":"production"}},{"widget":"downtime_table","width":4,"parameters":{"days":1,"limit":20}}]}'
WHERE role = 'OPERATOR';
