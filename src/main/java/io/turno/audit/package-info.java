/**
 * Append-only, tamper-evident audit log shared by every module (SPEC §2).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "shared")
package io.turno.audit;
