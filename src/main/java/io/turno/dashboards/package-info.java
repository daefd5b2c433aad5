/**
 * Dashboards (SPEC §7, seeds 002 and 003): a system-owned catalog of widgets, each with the JSON Schema of
 * its parameters; a built-in dashboard template per built-in role, which an organization may override
 * version by version; and one engine that resolves the caller's template and fills each widget with data
 * ready for Chart.js. It owns no business data: every figure comes from the public API of the module that
 * owns it ({@code scheduling}, {@code billing}, {@code queueing} with {@code customers} for one's own ticket, {@code production}, {@code notifications},
 * {@code audit}).
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {
            "shared",
            "audit",
            "identity",
            "web",
            "customers",
            "scheduling",
            "billing",
            "queueing",
            "production",
            "notifications"
        })
package io.turno.dashboards;
