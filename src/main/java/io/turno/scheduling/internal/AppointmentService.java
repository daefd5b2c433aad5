package io.turno.scheduling.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.turno.audit.AuditEntry;
import io.turno.audit.AuditLog;
import io.turno.billing.PayableAppointments;
import io.turno.billing.Payments;
import io.turno.catalog.ServiceCatalog;
import io.turno.catalog.ServiceView;
import io.turno.customers.CustomerView;
import io.turno.customers.Customers;
import io.turno.identity.CurrentUser;
import io.turno.identity.TenantDirectory;
import io.turno.scheduling.AppointmentBooked;
import io.turno.scheduling.AppointmentCancelled;
import io.turno.scheduling.AppointmentRescheduled;
import io.turno.scheduling.AppointmentStatus;
import io.turno.scheduling.AppointmentStatusChanged;
import io.turno.scheduling.AppointmentView;
import io.turno.scheduling.Appointments;
import io.turno.scheduling.internal.SchedulingFailures.InvalidTransition;
import io.turno.scheduling.internal.SchedulingFailures.NotChangeable;
import io.turno.scheduling.internal.SchedulingFailures.Refused;
import io.turno.scheduling.internal.SchedulingFailures.SeriesConflict;
import io.turno.scheduling.internal.SchedulingFailures.SlotTaken;
import io.turno.scheduling.internal.WorkingPlan.Span;
import io.turno.shared.Actor;
import io.turno.shared.NotFound;
import io.turno.shared.PageResult;
import io.turno.shared.TenantId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Booking, moving, cancelling and following appointments. The database keeps a practitioner from
 * being booked twice (the exclusion constraint {@code scheduling_appointments_no_overlap}); this
 * service checks everything else: the plan, time off, the service, who may act on whose appointment.
 */
@Service
public class AppointmentService implements Appointments, PayableAppointments {

    /** Longest range availability and agendas are computed for. */
    static final int MAX_DAYS = 62;

    public record BookCommand(UUID patientId, UUID therapistId, UUID serviceId, OffsetDateTime start, String notes) {
    }

    public record RescheduleCommand(UUID therapistId, UUID serviceId, OffsetDateTime start, String notes) {
    }

    public enum Every {
        WEEKLY(1), BIWEEKLY(2);

        final int weeks;

        Every(int weeks) {
            this.weeks = weeks;
        }
    }

    public record SeriesCommand(BookCommand first, int sessions, Every every) {
    }

    public record Series(UUID seriesId, List<AppointmentView> appointments) {
    }

    public record Slot(OffsetDateTime start, OffsetDateTime end) {
    }

    public record Availability(UUID therapistId, UUID serviceId, String timeZone, int durationMinutes, List<Slot> slots) {
    }

    public record Filter(UUID patientId, UUID therapistId, AppointmentStatus status, LocalDate dateFrom, LocalDate dateTo) {
    }

    /**
     * What the caller may see and change: every appointment ({@code all}), or those where they are the
     * patient ({@code customerId}) or the practitioner ({@code practitionerId}).
     */
    record Scope(boolean all, UUID customerId, UUID practitionerId) {

        boolean sees(AppointmentView a) {
            return all || a.patientId().equals(customerId) || a.therapistId().equals(practitionerId);
        }

        boolean actsFor(UUID patientId) {
            return all || patientId.equals(customerId);
        }
    }

    private static final String VIEW_COLUMNS = """
            SELECT a.id, a.customer_id, a.practitioner_id, p.user_id, p.display_name, p.time_zone, a.service_id,
                   a.starts_at, a.ends_at, a.status, a.notes, a.cancel_reason, a.series_id, a.created_at, a.updated_at
            """;

    static final String VIEW = VIEW_COLUMNS
            + " FROM scheduling_appointments a JOIN scheduling_practitioners p ON p.id = a.practitioner_id\n";

    private final JdbcClient jdbc;
    private final PractitionerService practitioners;
    private final ServiceCatalog catalog;
    private final Customers customers;
    private final TenantDirectory tenants;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Waitlist waitlist;
    private final Clock clock;
    private final Payments payments;

    AppointmentService(JdbcClient jdbc, PractitionerService practitioners, ServiceCatalog catalog, Customers customers,
                       TenantDirectory tenants, AuditLog audit, ApplicationEventPublisher events, Waitlist waitlist,
                       Clock clock, Payments payments) {
        this.payments = payments;
        this.jdbc = jdbc;
        this.practitioners = practitioners;
        this.catalog = catalog;
        this.customers = customers;
        this.tenants = tenants;
        this.audit = audit;
        this.events = events;
        this.waitlist = waitlist;
        this.clock = clock;
    }

    // ---- facade for other modules

    @Override
    @Transactional(readOnly = true)
    public Optional<AppointmentView> find(TenantId tenant, UUID appointmentId) {
        return jdbc.sql(VIEW + " WHERE a.tenant_id = :tenant AND a.id = :id")
                .param("tenant", tenant.value()).param("id", appointmentId).query(AppointmentService::view).optional();
    }

    @Override
    @Transactional(readOnly = true)
    public List<AppointmentView> startingBetween(TenantId tenant, Instant from, Instant to) {
        return jdbc.sql(VIEW + """
                 WHERE a.tenant_id = :tenant AND a.starts_at >= :from AND a.starts_at < :to
                   AND a.status IN ('REQUESTED', 'CONFIRMED')
                 ORDER BY a.starts_at, a.id
                """).param("tenant", tenant.value()).param("from", utc(from)).param("to", utc(to))
                .query(AppointmentService::view).list();
    }

    @Override
    @Transactional(readOnly = true)
    public boolean exists(TenantId tenant, UUID appointmentId) {
        return find(tenant, appointmentId).isPresent();
    }

    @Override
    @Transactional(readOnly = true)
    public boolean hasAppointmentOn(TenantId tenant, UUID customerId, LocalDate date) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM scheduling_appointments a
                               JOIN scheduling_practitioners p ON p.id = a.practitioner_id
                               WHERE a.tenant_id = :tenant AND a.customer_id = :customer
                                 AND a.starts_at >= CAST(:date AS date) - interval '1 day'
                                 AND a.starts_at < CAST(:date AS date) + interval '2 days'
                                 AND a.status IN ('REQUESTED', 'CONFIRMED', 'CHECKED_IN', 'IN_PROGRESS')
                                 AND (a.starts_at AT TIME ZONE p.time_zone)::date = :date)
                """).param("tenant", tenant.value()).param("customer", customerId).param("date", date)
                .query(Boolean.class).single();
    }

    // ---- who the caller is

    Scope scope(CurrentUser caller) {
        if (caller.can(SchedulingPermissions.APPOINTMENTS_ALL)) {
            return new Scope(true, null, null);
        }
        return new Scope(false,
                customers.findByUser(caller.tenantId(), caller.userId()).map(CustomerView::id).orElse(null),
                practitioners.findByUser(caller.tenantId(), caller.userId()).map(PractitionerView::id).orElse(null));
    }

    /** The caller's own customer record: a patient booking without naming themselves. */
    public Optional<UUID> ownPatient(CurrentUser caller) {
        return customers.findByUser(caller.tenantId(), caller.userId()).map(CustomerView::id);
    }

    // ---- reading

    @Transactional(readOnly = true)
    public AppointmentView get(CurrentUser caller, UUID id) {
        return visible(caller, scope(caller), id);
    }

    @Transactional(readOnly = true)
    public PageResult<AppointmentView> list(CurrentUser caller, Filter filter, int page, int size) {
        Scope scope = scope(caller);
        ZoneId zone = tenantZone(caller.tenantId());
        String where = """
                WHERE a.tenant_id = :tenant
                  AND (:all OR a.customer_id = :own_customer OR a.practitioner_id = :own_practitioner)
                  AND (CAST(:patient AS uuid) IS NULL OR a.customer_id = :patient)
                  AND (CAST(:therapist AS uuid) IS NULL OR a.practitioner_id = :therapist)
                  AND (CAST(:status AS text) IS NULL OR a.status = :status)
                  AND (CAST(:from AS timestamptz) IS NULL OR a.starts_at >= :from)
                  AND (CAST(:to AS timestamptz) IS NULL OR a.starts_at < :to)
                """;
        Map<String, Object> params = new HashMap<>();
        params.put("tenant", caller.tenantId().value());
        params.put("all", scope.all());
        params.put("own_customer", scope.customerId());
        params.put("own_practitioner", scope.practitionerId());
        params.put("patient", filter.patientId());
        params.put("therapist", filter.therapistId());
        params.put("status", filter.status() == null ? null : filter.status().name());
        params.put("from", filter.dateFrom() == null ? null : filter.dateFrom().atStartOfDay(zone).toOffsetDateTime());
        params.put("to", filter.dateTo() == null ? null : filter.dateTo().plusDays(1).atStartOfDay(zone).toOffsetDateTime());
        long total = jdbc.sql("SELECT count(*) FROM scheduling_appointments a " + where).params(params)
                .query(Long.class).single();
        params.put("limit", size);
        params.put("offset", (long) page * size);
        var items = jdbc.sql(VIEW + where + " ORDER BY a.starts_at, a.id LIMIT :limit OFFSET :offset").params(params)
                .query(AppointmentService::view).list();
        return new PageResult<>(items, page, size, total);
    }

    /** The practitioner's appointments from {@code from} to {@code to} (their dates, inclusive), by start. */
    @Transactional(readOnly = true)
    public List<AppointmentView> agenda(CurrentUser caller, UUID therapistId, LocalDate dateFrom, LocalDate dateTo,
                                        boolean includeCancelled) {
        Scope scope = scope(caller);
        if (!scope.all() && !therapistId.equals(scope.practitionerId())) {
            throw new NotFound("Terapeuta", therapistId);
        }
        var practitioner = practitioners.get(caller.tenantId(), therapistId);
        ZoneId zone = ZoneId.of(practitioner.timeZone());
        // Without dates: the practitioner's next seven days, their today first.
        LocalDate from = dateFrom == null ? LocalDate.now(clock.withZone(zone)) : dateFrom;
        LocalDate to = dateTo == null ? from.plusDays(6) : dateTo;
        checkRange(from, to);
        return jdbc.sql(VIEW + """
                 WHERE a.tenant_id = :tenant AND a.practitioner_id = :p AND a.starts_at >= :from AND a.starts_at < :to
                   AND (:cancelled OR a.status <> 'CANCELLED')
                 ORDER BY a.starts_at, a.id
                """).param("tenant", caller.tenantId().value()).param("p", therapistId)
                .param("from", from.atStartOfDay(zone).toOffsetDateTime())
                .param("to", to.plusDays(1).atStartOfDay(zone).toOffsetDateTime())
                .param("cancelled", includeCancelled)
                .query(AppointmentService::view).list();
    }

    /** Free slots of the practitioner for the service, none in the past. */
    @Transactional(readOnly = true)
    public Availability available(TenantId tenant, UUID therapistId, UUID serviceId, LocalDate from, LocalDate to) {
        var practitioner = practitioners.get(tenant, therapistId);
        ServiceView service = bookableService(tenant, practitioner, serviceId);
        checkRange(from, to);
        WorkingPlan plan = practitioners.plan(tenant, practitioner);
        ZoneId zone = plan.zone();
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        var slots = practitioner.active()
                ? plan.slots(from, to, Duration.ofMinutes(service.durationMinutes()), busy(tenant, therapistId, start, end, null),
                        clock.instant())
                : List.<Span>of();
        return new Availability(therapistId, serviceId, zone.getId(), service.durationMinutes(), slots.stream()
                .map(s -> new Slot(s.start().atZone(zone).toOffsetDateTime(), s.end().atZone(zone).toOffsetDateTime()))
                .toList());
    }

    // ---- changing

    @Transactional
    public AppointmentView book(CurrentUser caller, BookCommand command) {
        Scope scope = scope(caller);
        Booking booking = prepare(caller, scope, command.patientId(), command.therapistId(), command.serviceId());
        Span span = booking.span(command.start());
        checkFits(caller.tenantId(), booking, span);
        var booked = insert(caller, booking, span, command.notes(), null);
        events.publishEvent(booked(caller.tenantId(), booked));
        // Last: the audit chain's lock is held from here to the commit, and every booking of the
        // organization waits for it.
        audit(caller, "CREATE", booked, Map.of("after", summary(booked)));
        return booked;
    }

    /** Every session or none: a taken or unworked date refuses the series and is named. */
    @Transactional
    public Series bookSeries(CurrentUser caller, SeriesCommand command) {
        if (command.sessions() < 2 || command.sessions() > 52) {
            throw new Refused("Una serie tiene de 2 a 52 sesiones.");
        }
        Scope scope = scope(caller);
        BookCommand first = command.first();
        Booking booking = prepare(caller, scope, first.patientId(), first.therapistId(), first.serviceId());
        ZoneId zone = booking.plan.zone();
        var spans = new ArrayList<Span>();
        var local = first.start().atZoneSameInstant(zone);
        for (int i = 0; i < command.sessions(); i++) {
            // Same wall-clock time every week, whatever daylight saving does in between.
            spans.add(booking.span(local.plusWeeks((long) i * command.every().weeks).toOffsetDateTime()));
        }
        Instant from = spans.getFirst().start();
        Instant to = spans.getLast().end();
        List<Span> timeOff = timeOff(caller.tenantId(), booking.practitioner.id(), from, to);
        List<Span> taken = appointments(caller.tenantId(), booking.practitioner.id(), from, to, null);
        var conflicts = new ArrayList<String>();
        for (Span span : spans) {
            boolean free = taken.stream().noneMatch(span::overlaps);
            if (!free || !span.start().isAfter(clock.instant()) || !booking.plan.fits(span, timeOff)) {
                conflicts.add(span.start().atZone(zone).toLocalDate().toString());
            }
        }
        if (!conflicts.isEmpty()) {
            throw new SeriesConflict(conflicts);
        }
        UUID seriesId = UUID.randomUUID();
        var booked = new ArrayList<AppointmentView>();
        for (Span span : spans) {
            try {
                booked.add(insert(caller, booking, span, first.notes(), seriesId));
            } catch (SlotTaken raced) {
                throw new SeriesConflict(List.of(span.start().atZone(zone).toLocalDate().toString()));
            }
        }
        for (AppointmentView appointment : booked) {
            events.publishEvent(booked(caller.tenantId(), appointment));
        }
        audit.recordAll(booked.stream()
                .map(a -> entry(caller, "CREATE", a, Map.of("after", summary(a)))).toList());
        return new Series(seriesId, booked);
    }

    /** Moves the appointment (time, practitioner or service) or changes its notes. */
    @Transactional
    public AppointmentView reschedule(CurrentUser caller, UUID id, RescheduleCommand command) {
        Scope scope = scope(caller);
        var before = lock(caller, scope, id);
        if (!scope.actsFor(before.patientId())) {
            throw new NotFound("Cita", id);
        }
        if (!before.status().changeable()) {
            throw new NotChangeable(before.status());
        }
        UUID therapist = command.therapistId() == null ? before.therapistId() : command.therapistId();
        UUID service = command.serviceId() == null ? before.serviceId() : command.serviceId();
        Booking booking = prepare(caller, scope, before.patientId(), therapist, service);
        OffsetDateTime start = command.start() == null ? before.start() : command.start();
        Span span = booking.span(start);
        boolean moved = !therapist.equals(before.therapistId()) || !span.start().equals(before.start().toInstant())
                || !span.end().equals(before.end().toInstant());
        if (moved) {
            checkFits(caller.tenantId(), booking, span);
            dropExpiredHolds(caller.tenantId(), therapist, span);
        }
        try {
            jdbc.sql("""
                    UPDATE scheduling_appointments SET practitioner_id = :p, service_id = :s, starts_at = :start,
                           ends_at = :end, notes = :notes, updated_at = now()
                    WHERE tenant_id = :tenant AND id = :id
                    """).param("p", therapist).param("s", service)
                    .param("start", OffsetDateTime.ofInstant(span.start(), booking.plan.zone()))
                    .param("end", OffsetDateTime.ofInstant(span.end(), booking.plan.zone()))
                    .param("notes", command.notes() == null ? before.notes() : command.notes())
                    .param("tenant", caller.tenantId().value()).param("id", id).update();
        } catch (DataIntegrityViolationException e) {
            throw refusal(e);
        }
        var after = find(caller.tenantId(), id).orElseThrow();
        if (moved) {
            events.publishEvent(new AppointmentRescheduled(caller.tenantId(), id, after.patientId(), after.therapistId(),
                    after.therapistUserId(), after.serviceId(), after.start().toInstant(), after.end().toInstant(),
                    ZoneId.of(after.timeZone()), before.therapistId(), before.start().toInstant(),
                    before.end().toInstant()));
        }
        audit(caller, "UPDATE", after, AuditEntry.change(summary(before), summary(after)));
        if (moved) {
            boolean vacated = !therapist.equals(before.therapistId())
                    || !span.overlaps(new Span(before.start().toInstant(), before.end().toInstant()));
            if (vacated) {
                waitlist.offer(caller.tenantId(), before, caller);
            }
        }
        return after;
    }

    @Transactional
    public AppointmentView cancel(CurrentUser caller, UUID id, String reason) {
        Scope scope = scope(caller);
        var before = lock(caller, scope, id);
        if (!scope.actsFor(before.patientId())) {
            throw new NotFound("Cita", id);
        }
        if (before.status() == AppointmentStatus.HELD) {
            throw new NotChangeable(before.status());
        }
        if (!before.status().canMoveTo(AppointmentStatus.CANCELLED)) {
            throw new InvalidTransition(before.status(), AppointmentStatus.CANCELLED);
        }
        return move(caller, before, AppointmentStatus.CANCELLED, reason);
    }

    /** A move of the state machine by the practitioner or the front desk. */
    @Transactional
    public AppointmentView changeStatus(CurrentUser caller, UUID id, AppointmentStatus target, String reason) {
        Scope scope = scope(caller);
        var before = lock(caller, scope, id);
        if (!scope.all() && !before.therapistId().equals(scope.practitionerId())) {
            // The patient sees it, but only cancels it (DELETE); a stranger does not see it at all.
            throw new NotFound("Cita", id);
        }
        if (before.status() == AppointmentStatus.HELD) {
            // Only its reservation confirms a held slot, once paid.
            throw new NotChangeable(before.status());
        }
        if (!before.status().canMoveTo(target)) {
            throw new InvalidTransition(before.status(), target);
        }
        return move(caller, before, target, reason);
    }

    // ---- reservations (seed 004): hold, then confirm once paid or release

    /** Holds the slot for the patient until {@code expires}: a HELD appointment, committed so that nobody else takes it. */
    @Transactional
    public AppointmentView hold(CurrentUser caller, BookCommand command, Instant expires) {
        Scope scope = scope(caller);
        Booking booking = prepare(caller, scope, command.patientId(), command.therapistId(), command.serviceId());
        Span span = booking.span(command.start());
        checkFits(caller.tenantId(), booking, span);
        var held = insertAs(caller, booking, span, command.notes(), null, expires);
        audit(caller, "HOLD", held, Map.of("after", summary(held), "hold_expires_at", expires.toString()));
        return held;
    }

    /** The held appointment's service, for its price. */
    @Transactional(readOnly = true)
    public ServiceView serviceOf(TenantId tenant, AppointmentView appointment) {
        return catalog.find(tenant, appointment.serviceId())
                .orElseThrow(() -> new NotFound("Servicio", appointment.serviceId()));
    }

    /**
     * The paid hold becomes CONFIRMED and is announced as booked. Empty when the hold is gone (its
     * expiry released it before the payment came back).
     */
    @Transactional
    public Optional<AppointmentView> confirmHold(Actor actor, UUID id, Map<String, ?> payment) {
        int updated = jdbc.sql("""
                UPDATE scheduling_appointments SET status = 'CONFIRMED', hold_expires_at = NULL, updated_at = now()
                WHERE tenant_id = :tenant AND id = :id AND status = 'HELD'
                """).param("tenant", actor.tenantId().value()).param("id", id).update();
        if (updated == 0) {
            return Optional.empty();
        }
        var confirmed = find(actor.tenantId(), id).orElseThrow();
        var summary = new LinkedHashMap<String, Object>(summary(confirmed));
        summary.put("payment", payment);
        events.publishEvent(booked(actor.tenantId(), confirmed));
        audit(actor, "CREATE", confirmed, Map.of("after", summary));
        return Optional.of(confirmed);
    }

    /** The unpaid hold is deleted: the slot is free again and no appointment remains. */
    @Transactional
    public void releaseHold(Actor actor, UUID id, String reason) {
        var held = find(actor.tenantId(), id).filter(a -> a.status() == AppointmentStatus.HELD);
        if (held.isEmpty()) {
            return;
        }
        jdbc.sql("DELETE FROM scheduling_appointments WHERE tenant_id = :tenant AND id = :id AND status = 'HELD'")
                .param("tenant", actor.tenantId().value()).param("id", id).update();
        audit(actor, "RELEASE", held.get(), Map.of("before", summary(held.get()), "reason", reason));
    }

    /** Holds of the tenant whose time ran out, oldest first. */
    @Transactional(readOnly = true)
    public List<UUID> expiredHolds(TenantId tenant, int limit) {
        return jdbc.sql("""
                SELECT id FROM scheduling_appointments
                WHERE tenant_id = :tenant AND status = 'HELD' AND hold_expires_at <= :now
                ORDER BY hold_expires_at LIMIT :limit
                """).param("tenant", tenant.value()).param("now", utc(clock.instant()))
                .param("limit", limit).query(UUID.class).list();
    }

    private AppointmentView move(CurrentUser caller, AppointmentView before, AppointmentStatus target, String reason) {
        boolean cancel = target == AppointmentStatus.CANCELLED;
        jdbc.sql("""
                UPDATE scheduling_appointments SET status = :status, updated_at = now(),
                       cancel_reason = CASE WHEN :cancel THEN :reason ELSE cancel_reason END
                WHERE tenant_id = :tenant AND id = :id
                """).param("status", target.name()).param("cancel", cancel).param("reason", reason)
                .param("tenant", caller.tenantId().value()).param("id", before.id()).update();
        var after = find(caller.tenantId(), before.id()).orElseThrow();
        ZoneId zone = ZoneId.of(after.timeZone());
        events.publishEvent(new AppointmentStatusChanged(caller.tenantId(), after.id(), after.patientId(),
                after.therapistId(), after.therapistUserId(), after.serviceId(), after.start().toInstant(),
                after.end().toInstant(), zone, before.status(), target));
        if (cancel) {
            events.publishEvent(new AppointmentCancelled(caller.tenantId(), after.id(), after.patientId(),
                    after.therapistId(), after.therapistUserId(), after.serviceId(), after.start().toInstant(),
                    after.end().toInstant(), zone, reason));
        }
        audit(caller, cancel ? "CANCEL" : "UPDATE", after, AuditEntry.change(summary(before), summary(after)));
        if (cancel) {
            waitlist.offer(caller.tenantId(), after, caller);
        }
        return after;
    }

    // ---- waitlist

    @Transactional
    public Waitlist.Entry joinWaitlist(CurrentUser caller, UUID patientId, UUID therapistId, UUID serviceId,
                                       LocalDate from, LocalDate to) {
        Scope scope = scope(caller);
        if (patientId == null || !scope.actsFor(patientId)) {
            throw new NotFound("Paciente", patientId);
        }
        customers.find(caller.tenantId(), patientId).orElseThrow(() -> new NotFound("Paciente", patientId));
        var practitioner = practitioners.get(caller.tenantId(), therapistId);
        bookableService(caller.tenantId(), practitioner, serviceId);
        checkRange(from, to);
        return waitlist.add(caller, patientId, practitioner, serviceId, from, to);
    }

    @Transactional(readOnly = true)
    public List<Waitlist.Entry> waitlist(CurrentUser caller, UUID therapistId) {
        Scope scope = scope(caller);
        if (scope.all()) {
            return waitlist.list(caller.tenantId(), null, therapistId);
        }
        return scope.customerId() == null ? List.of() : waitlist.list(caller.tenantId(), scope.customerId(), therapistId);
    }

    @Transactional
    public void leaveWaitlist(CurrentUser caller, UUID entryId) {
        Scope scope = scope(caller);
        var entry = waitlist.find(caller.tenantId(), entryId);
        if (!scope.actsFor(entry.patientId())) {
            throw new NotFound("Lista de espera", entryId);
        }
        waitlist.withdraw(caller, entry);
    }

    // ---- helpers

    /** What a booking needs, checked: an active practitioner giving a bookable service to a visible patient. */
    private record Booking(CustomerView patient, PractitionerView practitioner, ServiceView service, WorkingPlan plan) {

        Span span(OffsetDateTime start) {
            Instant begin = start.toInstant();
            return new Span(begin, begin.plus(Duration.ofMinutes(service.durationMinutes())));
        }
    }

    private Booking prepare(CurrentUser caller, Scope scope, UUID patientId, UUID therapistId, UUID serviceId) {
        TenantId tenant = caller.tenantId();
        if (patientId == null || !scope.actsFor(patientId)) {
            throw new NotFound("Paciente", patientId);
        }
        CustomerView patient = customers.find(tenant, patientId).orElseThrow(() -> new NotFound("Paciente", patientId));
        if (!patient.active()) {
            throw new Refused("El paciente " + patient.fullName() + " está inactivo.");
        }
        var practitioner = practitioners.get(tenant, therapistId);
        if (!practitioner.active()) {
            throw new Refused("El terapeuta " + practitioner.displayName() + " está inactivo y no recibe citas.");
        }
        ServiceView service = bookableService(tenant, practitioner, serviceId);
        return new Booking(patient, practitioner, service, practitioners.plan(tenant, practitioner));
    }

    private ServiceView bookableService(TenantId tenant, PractitionerView practitioner, UUID serviceId) {
        ServiceView service = catalog.find(tenant, serviceId).orElseThrow(() -> new NotFound("Servicio", serviceId));
        if (!service.active() || !service.bookable() || service.durationMinutes() == null) {
            throw new Refused("El servicio " + service.name() + " no se reserva con cita.");
        }
        if (!practitioner.serviceIds().contains(serviceId)) {
            throw new Refused(practitioner.displayName() + " no presta el servicio " + service.name() + ".");
        }
        return service;
    }

    private void checkFits(TenantId tenant, Booking booking, Span span) {
        if (!span.start().isAfter(clock.instant())) {
            throw new Refused("La cita debe empezar en el futuro.");
        }
        var timeOff = timeOff(tenant, booking.practitioner.id(), span.start(), span.end());
        if (!booking.plan.fits(span, timeOff)) {
            throw new Refused("El horario pedido está fuera del horario de trabajo de " + booking.practitioner.displayName()
                    + " (o en una pausa o tiempo libre); consulta los horarios disponibles.");
        }
    }

    private AppointmentView insert(CurrentUser caller, Booking booking, Span span, String notes, UUID seriesId) {
        return insertAs(caller, booking, span, notes, seriesId, null);
    }

    /**
     * A REQUESTED appointment, or a HELD one until {@code holdExpires} when that is set, read back
     * by the statement that inserts it.
     */
    private AppointmentView insertAs(CurrentUser caller, Booking booking, Span span, String notes, UUID seriesId,
                                     Instant holdExpires) {
        UUID id = UUID.randomUUID();
        ZoneId zone = booking.plan.zone();
        dropExpiredHolds(caller.tenantId(), booking.practitioner.id(), span);
        try {
            return jdbc.sql("""
                    WITH a AS (
                        INSERT INTO scheduling_appointments (id, tenant_id, practitioner_id, customer_id, service_id, starts_at,
                                                             ends_at, status, hold_expires_at, notes, series_id, created_by)
                        VALUES (:id, :tenant, :p, :c, :s, :start, :end,
                                CASE WHEN CAST(:hold AS timestamptz) IS NULL THEN 'REQUESTED' ELSE 'HELD' END, :hold,
                                :notes, :series, :by)
                        RETURNING *)
                    """ + VIEW_COLUMNS + " FROM a JOIN scheduling_practitioners p ON p.id = a.practitioner_id")
                    .param("hold", holdExpires == null ? null : utc(holdExpires)).param("id", id).param("tenant", caller.tenantId().value())
                    .param("p", booking.practitioner.id()).param("c", booking.patient.id())
                    .param("s", booking.service.id()).param("start", OffsetDateTime.ofInstant(span.start(), zone))
                    .param("end", OffsetDateTime.ofInstant(span.end(), zone)).param("notes", notes)
                    .param("series", seriesId).param("by", caller.userId())
                    .query(AppointmentService::view).single();
        } catch (DataIntegrityViolationException e) {
            throw refusal(e);
        }
    }

    /**
     * An abandoned hold in the way is deleted here rather than left to the reservations job, so its
     * slot is bookable the moment it expires. A hold with a payment recorded against it is never
     * dropped: the job confirms it.
     */
    private void dropExpiredHolds(TenantId tenant, UUID practitioner, Span span) {
        var expired = jdbc.sql("""
                SELECT id FROM scheduling_appointments
                WHERE tenant_id = :tenant AND practitioner_id = :p AND status = 'HELD' AND hold_expires_at <= :now
                  AND tstzrange(starts_at, ends_at) && tstzrange(:from, :to)
                """).param("tenant", tenant.value()).param("p", practitioner).param("now", utc(clock.instant()))
                .param("from", utc(span.start())).param("to", utc(span.end())).query(UUID.class).list();
        for (UUID hold : expired) {
            if (payments.paymentsFor(tenant, hold).isEmpty()) {
                jdbc.sql("DELETE FROM scheduling_appointments WHERE tenant_id = :tenant AND id = :id AND status = 'HELD'")
                        .param("tenant", tenant.value()).param("id", hold).update();
            }
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, java.time.ZoneOffset.UTC);
    }

    /** The exclusion constraint's refusal (SQLSTATE 23P01) in words; anything else as it came. */
    private static RuntimeException refusal(DataIntegrityViolationException e) {
        if (e.getMostSpecificCause() instanceof SQLException sql && "23P01".equals(sql.getSQLState())) {
            return new SlotTaken();
        }
        return e;
    }

    private AppointmentView visible(CurrentUser caller, Scope scope, UUID id) {
        return find(caller.tenantId(), id).filter(scope::sees).orElseThrow(() -> new NotFound("Cita", id));
    }

    /** The appointment, locked against concurrent changes, if the caller sees it. */
    private AppointmentView lock(CurrentUser caller, Scope scope, UUID id) {
        jdbc.sql("SELECT 1 FROM scheduling_appointments WHERE tenant_id = :tenant AND id = :id FOR UPDATE")
                .param("tenant", caller.tenantId().value()).param("id", id).query().listOfRows();
        return visible(caller, scope, id);
    }

    private List<Span> busy(TenantId tenant, UUID practitioner, Instant from, Instant to, UUID ignoring) {
        var busy = new ArrayList<>(appointments(tenant, practitioner, from, to, ignoring));
        busy.addAll(timeOff(tenant, practitioner, from, to));
        return busy;
    }

    private List<Span> appointments(TenantId tenant, UUID practitioner, Instant from, Instant to, UUID ignoring) {
        return jdbc.sql("""
                SELECT starts_at, ends_at FROM scheduling_appointments
                WHERE tenant_id = :tenant AND practitioner_id = :p AND status <> 'CANCELLED'
                  AND tstzrange(starts_at, ends_at) && tstzrange(:from, :to)
                  AND (CAST(:ignoring AS uuid) IS NULL OR id <> :ignoring)
                  -- An expired hold is free time: the booking that takes it drops the hold.
                  AND NOT (status = 'HELD' AND hold_expires_at <= :now)
                """).param("tenant", tenant.value()).param("p", practitioner).param("now", utc(clock.instant()))
                .param("from", OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC))
                .param("to", OffsetDateTime.ofInstant(to, java.time.ZoneOffset.UTC)).param("ignoring", ignoring)
                .query((rs, n) -> new Span(rs.getObject(1, OffsetDateTime.class).toInstant(),
                        rs.getObject(2, OffsetDateTime.class).toInstant()))
                .list();
    }

    private List<Span> timeOff(TenantId tenant, UUID practitioner, Instant from, Instant to) {
        return jdbc.sql("""
                SELECT starts_at, ends_at FROM scheduling_time_off
                WHERE tenant_id = :tenant AND practitioner_id = :p AND ends_at > :from AND starts_at < :to
                """).param("tenant", tenant.value()).param("p", practitioner)
                .param("from", OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC))
                .param("to", OffsetDateTime.ofInstant(to, java.time.ZoneOffset.UTC))
                .query((rs, n) -> new Span(rs.getObject(1, OffsetDateTime.class).toInstant(),
                        rs.getObject(2, OffsetDateTime.class).toInstant()))
                .list();
    }

    private static void checkRange(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new Refused("date_to no puede ser anterior a date_from.");
        }
        if (from.plusDays(MAX_DAYS).isBefore(to)) {
            throw new Refused("Se consultan como máximo " + MAX_DAYS + " días a la vez.");
        }
    }

    /** The caller's organization's time zone: what "today" means on their pages. */
    public ZoneId zoneOf(Actor caller) {
        return tenantZone(caller.tenantId());
    }

    ZoneId tenantZone(TenantId tenant) {
        return tenants.summary(tenant).map(TenantDirectory.TenantSummary::timeZone).orElse(ZoneId.of("America/Bogota"));
    }

    private static AppointmentBooked booked(TenantId tenant, AppointmentView a) {
        return new AppointmentBooked(tenant, a.id(), a.patientId(), a.therapistId(), a.therapistUserId(), a.serviceId(),
                a.start().toInstant(), a.end().toInstant(), ZoneId.of(a.timeZone()), a.status(), a.seriesId());
    }

    private static Map<String, Object> summary(AppointmentView a) {
        var summary = new LinkedHashMap<String, Object>();
        summary.put("patient_id", a.patientId().toString());
        summary.put("therapist_id", a.therapistId().toString());
        summary.put("service_id", a.serviceId().toString());
        summary.put("start", a.start().toString());
        summary.put("end", a.end().toString());
        summary.put("status", a.status().name());
        if (a.cancelReason() != null) {
            summary.put("cancel_reason", a.cancelReason());
        }
        if (a.seriesId() != null) {
            summary.put("series_id", a.seriesId().toString());
        }
        return summary;
    }

    private void audit(Actor caller, String action, AppointmentView a, Map<String, ?> summary) {
        audit.record(entry(caller, action, a, summary));
    }

    private static AuditEntry entry(Actor caller, String action, AppointmentView a, Map<String, ?> summary) {
        return new AuditEntry(caller.tenantId(), caller.userId(), caller.username(), action, "appointment",
                a.id().toString(), summary);
    }

    static AppointmentView view(ResultSet rs, int row) throws SQLException {
        ZoneId zone = ZoneId.of(rs.getString("time_zone"));
        return new AppointmentView(rs.getObject("id", UUID.class), rs.getObject("customer_id", UUID.class),
                rs.getObject("practitioner_id", UUID.class), rs.getObject("user_id", UUID.class),
                rs.getString("display_name"), rs.getObject("service_id", UUID.class),
                rs.getObject("starts_at", OffsetDateTime.class).atZoneSameInstant(zone).toOffsetDateTime(),
                rs.getObject("ends_at", OffsetDateTime.class).atZoneSameInstant(zone).toOffsetDateTime(),
                zone.getId(), AppointmentStatus.valueOf(rs.getString("status")), rs.getString("notes"),
                rs.getString("cancel_reason"), rs.getObject("series_id", UUID.class),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
