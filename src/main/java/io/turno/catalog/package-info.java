/**
 * The tenant's service catalog (SPEC §3, §4): what its queues serve and what can be booked. Other
 * modules read it through {@link io.turno.catalog.ServiceCatalog}. It names {@code identity} only to find
 * the demo organization it fills with services ({@code TenantDirectory}), and {@code web} for its
 * pages' navigation entry.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "audit", "identity", "web"})
package io.turno.catalog;
