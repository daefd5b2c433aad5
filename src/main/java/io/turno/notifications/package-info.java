/**
 * Notifications (SPEC §5, seed 000): templates per tenant, channel and language, notifications
 * created through the API and dispatched by a worker that treats the notification row as its
 * outbox: retries with backoff, an attempt history, and a documented rule for attempts a crash
 * interrupted (see {@code internal.Dispatcher}). Appointments are confirmed, changed, cancelled and
 * reminded of from scheduling's events (see {@code internal.AppointmentMessages}); a waitlist offer, a
 * clinic's confirmation, a payment's receipt, a stopped line's alert and "your turn is near" are sent
 * once per event however often it is delivered (see {@code internal.EventMessages}).
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {
            "shared",
            "audit",
            "identity",
            "customers",
            "catalog",
            "queueing",
            "scheduling",
            "billing",
            "production",
            "web"
        })
package io.turno.notifications;
