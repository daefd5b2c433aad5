package io.turno.notifications.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.turno.catalog.ServiceCatalog;
import io.turno.notifications.internal.EventMessages.Message;
import io.turno.notifications.internal.EventMessages.Publisher;
import io.turno.scheduling.AppointmentStatus;
import io.turno.scheduling.AppointmentStatusChanged;
import io.turno.scheduling.WaitlistSlotOffered;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Scheduling's events a patient is told of beyond booking, moving and cancelling (those are
 * {@link AppointmentMessages}'): a freed slot offered to them from the waitlist, and their requested
 * appointment confirmed by the clinic. Each once, however often the event is delivered.
 */
@Component
class PatientNotices {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final EventMessages messages;
    private final ServiceCatalog catalog;
    private final NotificationsProperties properties;

    PatientNotices(EventMessages messages, ServiceCatalog catalog, NotificationsProperties properties) {
        this.messages = messages;
        this.catalog = catalog;
        this.properties = properties;
    }

    /** With the offer's one-time link that books the slot, and until when it works (in the slot's zone). */
    @ApplicationModuleListener
    void on(WaitlistSlotOffered offered) {
        TenantScope.run(offered.tenantId(), () -> {
            messages.toCustomer(
                    new Publisher(offered.tenantId(), "scheduling"),
                    "WAITLIST_SLOT_OFFERED:" + offered.waitlistEntryId() + ":" + offered.start(),
                    offered.patientId(),
                    language -> {
                        var variables = appointment(
                                offered.tenantId(), offered.serviceId(), offered.start(), offered.zone(), language);
                        variables.put("link", properties.publicUrl().replaceAll("/+$", "") + offered.acceptPath());
                        var expires = offered.offerExpiresAt().atZone(offered.zone());
                        variables.put("expires", DATE.format(expires) + " " + TIME.format(expires));
                        return new Message("WAITLIST_SLOT_OFFERED", variables);
                    });
        });
    }

    /**
     * A requested appointment confirmed by the clinic. A cancellation is announced by
     * {@link AppointmentMessages} (it publishes its own event); other moves happen with the patient there.
     */
    @ApplicationModuleListener(
            condition = "#changed.to() == T(io.turno.scheduling.AppointmentStatus).CONFIRMED"
                    + " and #changed.from() == T(io.turno.scheduling.AppointmentStatus).REQUESTED")
    void on(AppointmentStatusChanged changed) {
        if (changed.to() != AppointmentStatus.CONFIRMED) {
            return;
        }
        TenantScope.run(
                changed.tenantId(),
                () -> messages.toCustomer(
                        new Publisher(changed.tenantId(), "scheduling"),
                        "APPOINTMENT_STATUS_CONFIRMED:" + changed.appointmentId(),
                        changed.patientId(),
                        language -> new Message(
                                "APPOINTMENT_STATUS_CONFIRMED",
                                appointment(
                                        changed.tenantId(),
                                        changed.serviceId(),
                                        changed.start(),
                                        changed.zone(),
                                        language))));
    }

    private Map<String, String> appointment(
            TenantId tenant, UUID serviceId, Instant start, ZoneId zone, Locale language) {
        var local = start.atZone(zone);
        var variables = new HashMap<String, String>();
        variables.put(
                "service",
                catalog.find(tenant, serviceId)
                        .map(s -> s.name())
                        .orElse("en".equals(language.getLanguage()) ? "your service" : "su servicio"));
        variables.put("date", DATE.format(local));
        variables.put("time", TIME.format(local));
        return variables;
    }
}
