/**
 * Reports and exports (SPEC §7, seed 003): a catalog of reports, each with typed parameters, a
 * permission and a form described as JSON; every report answers a tabular result that one renderer
 * per format writes as JSON, CSV, Excel (.xlsx) or PDF. Figures come from the modules that own them,
 * through their public APIs (billing's {@code CashReports}, audit's {@code AuditLog}).
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {
            "shared",
            "web",
            "identity",
            "audit",
            "billing",
            "scheduling",
            "queueing",
            "production",
            "notifications"
        })
package io.turno.reporting;
