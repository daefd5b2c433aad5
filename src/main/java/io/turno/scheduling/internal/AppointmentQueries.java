package io.turno.scheduling.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.turno.billing.PayableAppointments;
import io.turno.catalog.ServiceCatalog;
import io.turno.catalog.ServiceView;
import io.turno.identity.CurrentUser;
import io.turno.identity.TenantDirectory;
import io.turno.scheduling.AppointmentStatus;
import io.turno.scheduling.AppointmentView;
import io.turno.scheduling.Appointments;
import io.turno.scheduling.internal.AppointmentAccess.Scope;
import io.turno.scheduling.internal.SchedulingFailures.Refused;
import io.turno.scheduling.internal.WorkingPlan.Span;
import io.turno.shared.Actor;
import io.turno.shared.NotFound;
import io.turno.shared.PageResult;
import io.turno.shared.TenantId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appointments as they are read: by other modules, by the caller within what they may see, a
 * practitioner's agenda, and the free slots a booking may take.
 */
@Service
public class AppointmentQueries implements Appointments, PayableAppointments {

    /** Longest range availability and agendas are computed for. */
    static final int MAX_DAYS = 62;

    public record Slot(OffsetDateTime start, OffsetDateTime end) {}

    public record Availability(
            UUID therapistId, UUID serviceId, String timeZone, int durationMinutes, List<Slot> slots) {}

    public record Filter(
            UUID patientId, UUID therapistId, AppointmentStatus status, LocalDate dateFrom, LocalDate dateTo) {}

    private final JdbcAppointments appointments;
    private final Schedules schedules;
    private final AppointmentAccess access;
    private final PractitionerService practitioners;
    private final ServiceCatalog catalog;
    private final TenantDirectory tenants;
    private final Clock clock;

    AppointmentQueries(
            JdbcAppointments appointments,
            Schedules schedules,
            AppointmentAccess access,
            PractitionerService practitioners,
            ServiceCatalog catalog,
            TenantDirectory tenants,
            Clock clock) {
        this.appointments = appointments;
        this.schedules = schedules;
        this.access = access;
        this.practitioners = practitioners;
        this.catalog = catalog;
        this.tenants = tenants;
        this.clock = clock;
    }

    // ---- facade for other modules

    @Override
    @Transactional(readOnly = true)
    public Optional<AppointmentView> find(TenantId tenant, UUID appointmentId) {
        return appointments.find(tenant, appointmentId);
    }

    @Override
    @Transactional(readOnly = true)
    public List<AppointmentView> startingBetween(TenantId tenant, Instant from, Instant to) {
        return appointments.startingBetween(tenant, from, to);
    }

    @Override
    @Transactional(readOnly = true)
    public boolean exists(TenantId tenant, UUID appointmentId) {
        return find(tenant, appointmentId).isPresent();
    }

    @Override
    @Transactional(readOnly = true)
    public boolean hasAppointmentOn(TenantId tenant, UUID customerId, LocalDate date) {
        return appointments.hasAppointmentOn(tenant, customerId, date);
    }

    // ---- the caller's

    /** The caller's own customer record: a patient booking without naming themselves. */
    public Optional<UUID> ownPatient(CurrentUser caller) {
        return access.ownPatient(caller);
    }

    @Transactional(readOnly = true)
    public AppointmentView get(CurrentUser caller, UUID id) {
        return access.visible(caller, access.scope(caller), id);
    }

    @Transactional(readOnly = true)
    public PageResult<AppointmentView> list(CurrentUser caller, Filter filter, int page, int size) {
        Scope scope = access.scope(caller);
        return appointments.page(caller.tenantId(), scope, filter, tenantZone(caller.tenantId()), page, size);
    }

    /** The practitioner's appointments from {@code from} to {@code to} (their dates, inclusive), by start. */
    @Transactional(readOnly = true)
    public List<AppointmentView> agenda(
            CurrentUser caller, UUID therapistId, LocalDate dateFrom, LocalDate dateTo, boolean includeCancelled) {
        Scope scope = access.scope(caller);
        if (!scope.all() && !therapistId.equals(scope.practitionerId())) {
            throw new NotFound("Terapeuta", therapistId);
        }
        var practitioner = practitioners.get(caller.tenantId(), therapistId);
        ZoneId zone = ZoneId.of(practitioner.timeZone());
        // Without dates: the practitioner's next seven days, their today first.
        LocalDate from = dateFrom == null ? LocalDate.now(clock.withZone(zone)) : dateFrom;
        LocalDate to = dateTo == null ? from.plusDays(6) : dateTo;
        checkRange(from, to);
        return appointments.agenda(
                caller.tenantId(),
                therapistId,
                from.atStartOfDay(zone).toOffsetDateTime(),
                to.plusDays(1).atStartOfDay(zone).toOffsetDateTime(),
                includeCancelled);
    }

    /** Free slots of the practitioner for the service, none in the past. */
    @Transactional(readOnly = true)
    public Availability available(TenantId tenant, UUID therapistId, UUID serviceId, LocalDate from, LocalDate to) {
        var practitioner = practitioners.get(tenant, therapistId);
        ServiceView service = practitioners.bookableService(tenant, practitioner, serviceId);
        checkRange(from, to);
        WorkingPlan plan = practitioners.plan(tenant, practitioner);
        ZoneId zone = plan.zone();
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        var slots = practitioner.active()
                ? plan.slots(
                        from,
                        to,
                        Duration.ofMinutes(service.durationMinutes()),
                        busy(tenant, therapistId, start, end),
                        clock.instant())
                : List.<Span>of();
        return new Availability(
                therapistId,
                serviceId,
                zone.getId(),
                service.durationMinutes(),
                slots.stream()
                        .map(s -> new Slot(
                                s.start().atZone(zone).toOffsetDateTime(),
                                s.end().atZone(zone).toOffsetDateTime()))
                        .toList());
    }

    /** The held appointment's service, for its price. */
    @Transactional(readOnly = true)
    public ServiceView serviceOf(TenantId tenant, AppointmentView appointment) {
        return catalog.find(tenant, appointment.serviceId())
                .orElseThrow(() -> new NotFound("Servicio", appointment.serviceId()));
    }

    /** Holds of the tenant whose time ran out, oldest first. */
    @Transactional(readOnly = true)
    public List<UUID> expiredHolds(TenantId tenant, int limit) {
        return appointments.expiredHolds(tenant, limit);
    }

    /** The caller's organization's time zone: what "today" means on their pages. */
    public ZoneId zoneOf(Actor caller) {
        return tenantZone(caller.tenantId());
    }

    private ZoneId tenantZone(TenantId tenant) {
        return tenants.summary(tenant)
                .map(TenantDirectory.TenantSummary::timeZone)
                .orElse(ZoneId.of("America/Bogota"));
    }

    private List<Span> busy(TenantId tenant, UUID practitioner, Instant from, Instant to) {
        var busy = new ArrayList<>(appointments.taken(tenant, practitioner, from, to));
        busy.addAll(schedules.timeOffSpans(tenant, practitioner, from, to));
        return busy;
    }

    static void checkRange(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new Refused("date_to no puede ser anterior a date_from.");
        }
        if (from.plusDays(MAX_DAYS).isBefore(to)) {
            throw new Refused("Se consultan como máximo " + MAX_DAYS + " días a la vez.");
        }
    }
}
