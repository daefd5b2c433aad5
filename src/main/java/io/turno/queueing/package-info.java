/**
 * Priority queues for service windows (SPEC §3, seed 001): branches, queues, priorities, desks and
 * the tickets that move through them. Publishes {@link io.turno.queueing.TicketIssued} and the other
 * ticket events for notifications and statistics.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"shared", "identity", "audit", "catalog", "customers", "scheduling", "web"})
package io.turno.queueing;
