/**
 * Tenants, users, roles, permissions, login and the security of every request (SPEC §1).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "audit", "web"})
package io.turno.identity;
