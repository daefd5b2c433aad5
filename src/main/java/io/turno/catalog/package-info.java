/**
 * The tenant's service catalog (SPEC §3, §4): what its queues serve and what can be booked. Other
 * modules read it through {@link io.turno.catalog.ServiceCatalog}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "audit"})
package io.turno.catalog;
