package io.turno.notifications.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.turno.catalog.ServiceCatalog;
import io.turno.customers.Customers;
import io.turno.identity.TenantDirectory;
import io.turno.scheduling.AppointmentBooked;
import io.turno.scheduling.AppointmentCancelled;
import io.turno.scheduling.AppointmentRescheduled;
import io.turno.scheduling.AppointmentView;
import io.turno.scheduling.Appointments;
import io.turno.shared.Actor;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.validation.BindException;

/**
 * The patient's messages about their appointments: confirmation when booked, the new time when
 * moved, cancellation, and a reminder 24 hours before ({@link #remind}, run by {@link AppointmentReminderJob}).
 * By WhatsApp when the customer agreed to it and the organization has a WhatsApp provider (email as
 * fallback), otherwise by email; a customer with neither gets nothing. In the customer's language.
 */
@Component
public class AppointmentMessages {

    private static final Logger log = LoggerFactory.getLogger(AppointmentMessages.class);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    /** No reminder for an appointment booked less than this before it: its confirmation is recent. */
    static final Duration HORIZON = Duration.ofHours(24);

    private record Scheduling(TenantId tenantId) implements Actor {
        @Override
        public UUID userId() {
            return null;
        }

        @Override
        public String username() {
            return "scheduling";
        }
    }

    private record About(UUID appointmentId, UUID patientId, UUID serviceId, Instant start, ZoneId zone) {}

    private final Customers customers;
    private final ServiceCatalog catalog;
    private final Providers providers;
    private final NotificationService notifications;
    private final Appointments appointments;
    private final TenantDirectory tenants;
    private final TransactionTemplate transactions;
    private final AppointmentReminders reminders;
    private final Clock clock;

    AppointmentMessages(
            Customers customers,
            ServiceCatalog catalog,
            Providers providers,
            NotificationService notifications,
            Appointments appointments,
            TenantDirectory tenants,
            TransactionTemplate transactions,
            AppointmentReminders reminders,
            Clock clock) {
        this.customers = customers;
        this.catalog = catalog;
        this.providers = providers;
        this.notifications = notifications;
        this.appointments = appointments;
        this.tenants = tenants;
        this.transactions = transactions;
        this.reminders = reminders;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(AppointmentBooked booked) {
        TenantScope.run(
                booked.tenantId(),
                () -> send(
                        booked.tenantId(),
                        "APPOINTMENT_CONFIRMATION",
                        new About(
                                booked.appointmentId(),
                                booked.patientId(),
                                booked.serviceId(),
                                booked.start(),
                                booked.zone())));
    }

    @ApplicationModuleListener
    void on(AppointmentRescheduled moved) {
        TenantScope.run(moved.tenantId(), () -> {
            // The new time deserves its own reminder.
            reminders.forget(moved.tenantId(), moved.appointmentId());
            send(
                    moved.tenantId(),
                    "APPOINTMENT_CHANGED",
                    new About(
                            moved.appointmentId(), moved.patientId(), moved.serviceId(), moved.start(), moved.zone()));
        });
    }

    @ApplicationModuleListener
    void on(AppointmentCancelled cancelled) {
        TenantScope.run(
                cancelled.tenantId(),
                () -> send(
                        cancelled.tenantId(),
                        "APPOINTMENT_CANCELLED",
                        new About(
                                cancelled.appointmentId(),
                                cancelled.patientId(),
                                cancelled.serviceId(),
                                cancelled.start(),
                                cancelled.zone())));
    }

    /**
     * Reminds every organization's patients of their appointments in the next 24 hours, each
     * appointment once (its row in {@code notifications_appointment_reminders}, written with the
     * message). Answers how many reminders were created.
     */
    public int remind() {
        int sent = 0;
        Instant now = clock.instant();
        for (var tenant : tenants.tenants()) {
            if (!tenant.active()) {
                continue;
            }
            List<AppointmentView> due = TenantScope.call(
                    tenant.id(), () -> appointments.startingBetween(tenant.id(), now, now.plus(HORIZON)));
            for (AppointmentView appointment : due) {
                if (appointment
                        .createdAt()
                        .isAfter(appointment.start().toInstant().minus(HORIZON))) {
                    continue;
                }
                Boolean created = TenantScope.call(
                        tenant.id(), () -> transactions.execute(tx -> remind(tenant.id(), appointment)));
                if (Boolean.TRUE.equals(created)) {
                    sent++;
                }
            }
        }
        return sent;
    }

    private boolean remind(TenantId tenant, AppointmentView appointment) {
        if (!reminders.claim(tenant, appointment.id())) {
            return false;
        }
        UUID notification = send(
                tenant,
                "APPOINTMENT_REMINDER",
                new About(
                        appointment.id(),
                        appointment.patientId(),
                        appointment.serviceId(),
                        appointment.start().toInstant(),
                        ZoneId.of(appointment.timeZone())));
        if (notification != null) {
            reminders.notificationSent(tenant, appointment.id(), notification);
        }
        // A patient without an address keeps the row too: there is nothing to send them later either.
        return notification != null;
    }

    /** The notification created, or null when the patient cannot be reached. */
    private UUID send(TenantId tenant, String template, About about) {
        var customer = customers.find(tenant, about.patientId()).orElse(null);
        if (customer == null) {
            return null;
        }
        boolean whatsapp = customer.whatsappOptIn()
                && customer.phone() != null
                && !providers.forChannel(tenant, Channel.WHATSAPP).isEmpty();
        if (!whatsapp && customer.email() == null) {
            return null;
        }
        Channel channel = whatsapp ? Channel.WHATSAPP : Channel.EMAIL;
        List<Channel> fallback = whatsapp && customer.email() != null ? List.of(Channel.EMAIL) : List.of();
        String language = EventMessages.language(customer.language());
        String service = catalog.find(tenant, about.serviceId())
                .map(s -> s.name())
                .orElse("en".equals(language) ? "your service" : "su servicio");
        var local = about.start().atZone(about.zone());
        var command = new NotificationService.NotificationCommand(
                null,
                new NotificationService.Recipient(
                        customer.fullName(), customer.email(), customer.phone(), customer.whatsappOptIn()),
                channel,
                template,
                language,
                Map.of(
                        "name",
                        customer.fullName(),
                        "service",
                        service,
                        "date",
                        DATE.format(local),
                        "time",
                        TIME.format(local)),
                null,
                null,
                fallback,
                null);
        try {
            return notifications.create(new Scheduling(tenant), command).id();
        } catch (BindException e) {
            log.warn(
                    "Appointment {}: no {} message for its patient: {}",
                    about.appointmentId(),
                    template,
                    e.getMessage());
            return null;
        }
    }
}
