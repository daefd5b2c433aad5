package io.turno.scheduling.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.turno.catalog.ServiceCatalog;
import io.turno.catalog.ServiceView;
import io.turno.identity.CurrentUser;
import io.turno.scheduling.AppointmentStatistics;
import io.turno.scheduling.AppointmentStatus;
import io.turno.scheduling.AppointmentView;
import io.turno.shared.TenantId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** {@link AppointmentStatistics} over the appointment rows. */
@Service
class AppointmentFigures implements AppointmentStatistics {

    private final AppointmentTotals totals;
    private final JdbcAppointments appointments;
    private final AppointmentAccess access;
    private final PractitionerService practitioners;
    private final ServiceCatalog services;
    private final Schedules schedules;

    AppointmentFigures(
            AppointmentTotals totals,
            JdbcAppointments appointments,
            AppointmentAccess access,
            PractitionerService practitioners,
            ServiceCatalog services,
            Schedules schedules) {
        this.services = services;
        this.schedules = schedules;
        this.totals = totals;
        this.appointments = appointments;
        this.access = access;
        this.practitioners = practitioners;
    }

    @Override
    @Transactional(readOnly = true)
    public List<StatusCount> countByStatus(TenantId tenant, Instant from, Instant to) {
        Map<AppointmentStatus, Long> counted = totals.byStatus(tenant, from, to);
        return Arrays.stream(AppointmentStatus.values())
                .map(status -> new StatusCount(status, counted.getOrDefault(status, 0L)))
                .toList();
    }

    @Override
    @Transactional(readOnly = true)
    public Map<java.util.UUID, java.util.UUID> practitionerOf(
            TenantId tenant, java.util.Collection<java.util.UUID> appointmentIds) {
        return totals.practitionerOf(tenant, appointmentIds);
    }

    @Override
    @Transactional(readOnly = true)
    public List<GroupOutcome> outcomeByPractitioner(TenantId tenant, Instant from, Instant to) {
        return totals.outcomes(tenant, from, to, true);
    }

    @Override
    @Transactional(readOnly = true)
    public List<GroupOutcome> outcomeByService(TenantId tenant, Instant from, Instant to) {
        return totals.outcomes(tenant, from, to, false).stream()
                .map(o -> new GroupOutcome(
                        o.id(),
                        services.find(tenant, o.id()).map(ServiceView::name).orElse("?"),
                        o.total(),
                        o.completed(),
                        o.cancelled(),
                        o.noShows(),
                        o.completedHours()))
                .sorted(java.util.Comparator.comparing(GroupOutcome::name))
                .toList();
    }

    @Override
    @Transactional(readOnly = true)
    public List<DayAttendance> attendancePerDay(TenantId tenant, LocalDate from, LocalDate to, ZoneId zone) {
        Map<LocalDate, DayAttendance> counted = totals.attendance(tenant, from, to, zone);
        List<DayAttendance> days = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            days.add(counted.getOrDefault(day, new DayAttendance(day, 0, 0)));
        }
        return days;
    }

    @Override
    @Transactional(readOnly = true)
    public List<PractitionerRef> practitioners(TenantId tenant) {
        return active(tenant).stream()
                .map(p -> new PractitionerRef(p.id(), p.displayName()))
                .sorted(java.util.Comparator.comparing(PractitionerRef::name))
                .toList();
    }

    private List<PractitionerView> active(TenantId tenant) {
        List<PractitionerView> active = new ArrayList<>();
        for (int page = 0; ; page++) {
            var batch = practitioners.list(tenant, null, true, page, 200);
            active.addAll(batch.items());
            if (batch.items().isEmpty() || active.size() >= batch.total()) {
                break;
            }
        }
        return active;
    }

    @Override
    @Transactional(readOnly = true)
    public List<PractitionerLoad> practitionerLoad(TenantId tenant, LocalDate from, LocalDate to) {
        List<PractitionerLoad> loads = new ArrayList<>();
        Map<List<Instant>, Map<UUID, Double>> bookedByRange = new HashMap<>();
        for (PractitionerView practitioner : active(tenant)) {
            WorkingPlan plan = practitioners.plan(tenant, practitioner);
            ZoneId zone = plan.zone();
            Instant start = from.atStartOfDay(zone).toInstant();
            Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
            // Available: the plan's working time less the time off (holidays, a congress) that falls in it.
            double available =
                    plan.free(from, to, schedules.timeOffSpans(tenant, practitioner.id(), start, end)).stream()
                            .mapToLong(span -> java.time.Duration.between(span.start(), span.end())
                                    .toSeconds())
                            .sum();
            // Every practitioner's booked time in one query per range (practitioners of one zone share it).
            double booked = bookedByRange
                    .computeIfAbsent(List.of(start, end), range -> totals.bookedSeconds(tenant, start, end))
                    .getOrDefault(practitioner.id(), 0.0);
            loads.add(new PractitionerLoad(
                    practitioner.id(), practitioner.displayName(), booked / 3600, available / 3600));
        }
        loads.sort(java.util.Comparator.comparing(PractitionerLoad::name));
        return loads;
    }

    @Override
    @Transactional(readOnly = true)
    public List<AppointmentView> upcoming(CurrentUser caller, Instant from, int limit) {
        AppointmentAccess.Scope scope = access.scope(caller);
        if (!scope.all() && scope.customerId() == null && scope.practitionerId() == null) {
            return List.of();
        }
        return appointments.upcoming(caller.tenantId(), from, limit, scope);
    }
}
