/**
 * Append-only, tamper-evident audit log shared by every module (SPEC §2); its viewer page lives in
 * the page shell of {@code web}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "web"})
package io.turno.audit;
