/**
 * Notifications (SPEC §5, seed 000): templates per tenant, channel and language, notifications
 * created through the API and dispatched by a worker that treats the notification row as its
 * outbox: retries with backoff, an attempt history, and a documented rule for attempts a crash
 * interrupted (see {@code internal.Dispatcher}). Appointments are confirmed, changed, cancelled and
 * reminded of from scheduling's events (see {@code internal.AppointmentMessages}).
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"shared", "audit", "identity", "customers", "catalog", "queueing", "scheduling", "web"})
package io.turno.notifications;
