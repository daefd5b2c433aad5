/**
 * The tenant's one registry of the people it serves (SPEC §3, §4): queue tickets, appointments and
 * clinical records all reuse it through {@link io.turno.customers.Customers}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "audit"})
package io.turno.customers;
