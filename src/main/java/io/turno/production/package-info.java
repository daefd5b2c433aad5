/**
 * Production monitoring (SPEC §6, seed 002): the plant's structure (lines, areas, products,
 * shifts) and the detections its lines report, stored partitioned by month with per-minute
 * rollups.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "audit", "identity", "web"})
package io.turno.production;
