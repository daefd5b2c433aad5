package io.turno.scheduling.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.turno.audit.AuditEntry;
import io.turno.audit.AuditLog;
import io.turno.catalog.ServiceCatalog;
import io.turno.catalog.ServiceView;
import io.turno.identity.TenantDirectory;
import io.turno.identity.UserDirectory;
import io.turno.scheduling.internal.ScheduleView.DateException;
import io.turno.scheduling.internal.ScheduleView.Interval;
import io.turno.scheduling.internal.SchedulingFailures.AlreadyPractitioner;
import io.turno.scheduling.internal.SchedulingFailures.Refused;
import io.turno.scheduling.internal.WorkingPlan.LocalSpan;
import io.turno.shared.Actor;
import io.turno.shared.NotFound;
import io.turno.shared.PageResult;
import io.turno.shared.TenantId;
import io.turno.shared.TimeZones;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Practitioners, their services, weekly plan, date exceptions and time off: create, replace,
 * deactivate, every change audited with before and after.
 */
@Service
public class PractitionerService {

    /** What a practitioner is made of, on create and on replace; null time zone: the organization's. */
    public record PractitionerCommand(
            UUID userId, String displayName, String timeZone, List<UUID> serviceIds, boolean active) {}

    public record TimeOffCommand(OffsetDateTime start, OffsetDateTime end, String reason) {}

    private final Practitioners rows;
    private final Schedules schedules;
    private final AuditLog audit;
    private final UserDirectory users;
    private final TenantDirectory tenants;
    private final ServiceCatalog catalog;

    PractitionerService(
            Practitioners rows,
            Schedules schedules,
            AuditLog audit,
            UserDirectory users,
            TenantDirectory tenants,
            ServiceCatalog catalog) {
        this.rows = rows;
        this.schedules = schedules;
        this.audit = audit;
        this.users = users;
        this.tenants = tenants;
        this.catalog = catalog;
    }

    @Transactional(readOnly = true)
    public PageResult<PractitionerView> list(TenantId tenant, UUID serviceId, Boolean active, int page, int size) {
        return rows.page(tenant, serviceId, active, page, size);
    }

    @Transactional(readOnly = true)
    public Optional<PractitionerView> find(TenantId tenant, UUID id) {
        return rows.find(tenant, id);
    }

    @Transactional(readOnly = true)
    public Optional<PractitionerView> findByUser(TenantId tenant, UUID userId) {
        return rows.findByUser(tenant, userId);
    }

    @Transactional(readOnly = true)
    public PractitionerView get(TenantId tenant, UUID id) {
        return find(tenant, id).orElseThrow(() -> new NotFound("Terapeuta", id));
    }

    @Transactional
    public PractitionerView create(Actor caller, PractitionerCommand command) {
        TenantId tenant = caller.tenantId();
        var user = users.find(tenant, command.userId())
                .filter(UserDirectory.UserSummary::active)
                .orElseThrow(() -> new Refused("El usuario " + command.userId() + " no existe o está inactivo."));
        String zone = zone(tenant, command.timeZone());
        String name = command.displayName() == null || command.displayName().isBlank()
                ? user.fullName()
                : command.displayName().strip();
        UUID id = UUID.randomUUID();
        try {
            rows.insert(tenant, id, user.id(), name, zone, command.active());
        } catch (DuplicateKeyException e) {
            throw new AlreadyPractitioner();
        }
        rows.replaceServices(tenant, id, bookableServices(tenant, command.serviceIds()));
        var created = get(tenant, id);
        record(caller, "CREATE", id, Map.of("after", summary(created)));
        return created;
    }

    @Transactional
    public PractitionerView update(Actor caller, UUID id, PractitionerCommand command) {
        TenantId tenant = caller.tenantId();
        var before = get(tenant, id);
        if (!before.userId().equals(command.userId())) {
            users.find(tenant, command.userId())
                    .filter(UserDirectory.UserSummary::active)
                    .orElseThrow(() -> new Refused("El usuario " + command.userId() + " no existe o está inactivo."));
        }
        String name = command.displayName() == null || command.displayName().isBlank()
                ? before.displayName()
                : command.displayName().strip();
        String zone = zone(tenant, command.timeZone());
        try {
            rows.update(tenant, id, command.userId(), name, zone, command.active());
        } catch (DuplicateKeyException e) {
            throw new AlreadyPractitioner();
        }
        rows.replaceServices(tenant, id, bookableServices(tenant, command.serviceIds()));
        var after = get(tenant, id);
        record(caller, "UPDATE", id, AuditEntry.change(summary(before), summary(after)));
        return after;
    }

    /** Deactivates: the practitioner's appointments stay, no new one is booked. */
    @Transactional
    public void deactivate(Actor caller, UUID id) {
        var before = get(caller.tenantId(), id);
        if (rows.deactivate(caller.tenantId(), id)) {
            record(caller, "DELETE", id, Map.of("before", summary(before)));
        }
    }

    @Transactional(readOnly = true)
    public ScheduleView schedule(TenantId tenant, UUID id) {
        return schedule(tenant, get(tenant, id));
    }

    private ScheduleView schedule(TenantId tenant, PractitionerView practitioner) {
        return schedules.read(tenant, practitioner.id(), practitioner.timeZone());
    }

    /** The plan availability is computed from, read in one go. */
    @Transactional(readOnly = true)
    public WorkingPlan plan(TenantId tenant, PractitionerView practitioner) {
        var schedule = schedule(tenant, practitioner);
        Map<LocalDate, List<LocalSpan>> exceptions = new HashMap<>();
        schedule.exceptions().forEach(e -> exceptions.put(e.date(), spans(e.intervals())));
        Map<DayOfWeek, List<LocalSpan>> work = new EnumMap<>(DayOfWeek.class);
        schedule.weekly().forEach((day, list) -> work.put(day, spans(list)));
        Map<DayOfWeek, List<LocalSpan>> breaks = new EnumMap<>(DayOfWeek.class);
        schedule.breaks().forEach((day, list) -> breaks.put(day, spans(list)));
        return new WorkingPlan(ZoneId.of(practitioner.timeZone()), work, breaks, exceptions);
    }

    /** The service, if it is booked with an appointment and the practitioner gives it. */
    ServiceView bookableService(TenantId tenant, PractitionerView practitioner, UUID serviceId) {
        ServiceView service = catalog.find(tenant, serviceId).orElseThrow(() -> new NotFound("Servicio", serviceId));
        if (!service.active() || !service.bookable() || service.durationMinutes() == null) {
            throw new Refused("El servicio " + service.name() + " no se reserva con cita.");
        }
        if (!practitioner.serviceIds().contains(serviceId)) {
            throw new Refused(practitioner.displayName() + " no presta el servicio " + service.name() + ".");
        }
        return service;
    }

    @Transactional
    public ScheduleView replaceSchedule(Actor caller, UUID id, ScheduleView schedule) {
        TenantId tenant = caller.tenantId();
        var before = schedule(tenant, id);
        check(schedule);
        schedules.replace(tenant, id, schedule);
        if (schedule.timeZone() != null && !schedule.timeZone().isBlank()) {
            rows.updateTimeZone(tenant, id, zone(tenant, schedule.timeZone()));
        }
        var after = schedule(tenant, id);
        record(caller, "UPDATE", id, AuditEntry.change(Map.of("schedule", before), Map.of("schedule", after)));
        return after;
    }

    @Transactional(readOnly = true)
    public List<TimeOffView> timeOff(TenantId tenant, UUID id, Instant from, Instant to) {
        var practitioner = get(tenant, id);
        ZoneId zone = ZoneId.of(practitioner.timeZone());
        return schedules.timeOff(tenant, id, zone, from, to);
    }

    @Transactional
    public TimeOffView addTimeOff(Actor caller, UUID id, TimeOffCommand command) {
        var practitioner = get(caller.tenantId(), id);
        if (!command.end().isAfter(command.start())) {
            throw new Refused("El fin del tiempo libre debe ser posterior a su inicio.");
        }
        UUID timeOffId = UUID.randomUUID();
        schedules.insertTimeOff(caller.tenantId(), id, timeOffId, command.start(), command.end(), command.reason());
        ZoneId zone = ZoneId.of(practitioner.timeZone());
        var view = new TimeOffView(
                timeOffId,
                id,
                command.start().atZoneSameInstant(zone).toOffsetDateTime(),
                command.end().atZoneSameInstant(zone).toOffsetDateTime(),
                command.reason());
        var summary = new LinkedHashMap<String, Object>();
        summary.put("time_off", timeOffId.toString());
        summary.put("start", view.start().toString());
        summary.put("end", view.end().toString());
        summary.put("reason", command.reason());
        record(caller, "CREATE", id, Map.of("after", summary));
        return view;
    }

    @Transactional
    public void removeTimeOff(Actor caller, UUID id, UUID timeOffId) {
        get(caller.tenantId(), id);
        if (!schedules.deleteTimeOff(caller.tenantId(), id, timeOffId)) {
            throw new NotFound("Tiempo libre", timeOffId);
        }
        record(caller, "DELETE", id, Map.of("before", Map.of("time_off", timeOffId.toString())));
    }

    /** The services asked for, once each, every one bookable: it takes an appointment and has a duration. */
    private List<UUID> bookableServices(TenantId tenant, List<UUID> serviceIds) {
        var ids = List.copyOf(new LinkedHashSet<>(nullToEmpty(serviceIds)));
        for (UUID serviceId : ids) {
            ServiceView service = catalog.find(tenant, serviceId)
                    .orElseThrow(() -> new Refused("El servicio " + serviceId + " no existe."));
            if (!service.bookable() || service.durationMinutes() == null) {
                throw new Refused("El servicio " + service.code()
                        + " no se reserva con cita: debe ser reservable y tener una duración.");
            }
        }
        return ids;
    }

    private static void check(ScheduleView schedule) {
        var all = new ArrayList<Interval>();
        if (schedule.weekly() != null) {
            schedule.weekly().values().forEach(list -> all.addAll(nullToEmpty(list)));
        }
        if (schedule.breaks() != null) {
            schedule.breaks().values().forEach(list -> all.addAll(nullToEmpty(list)));
        }
        for (DateException exception : nullToEmpty(schedule.exceptions())) {
            if (exception.date() == null) {
                throw new Refused("Cada excepción lleva su fecha.");
            }
            all.addAll(nullToEmpty(exception.intervals()));
        }
        for (Interval interval : all) {
            if (interval == null
                    || interval.start() == null
                    || interval.end() == null
                    || !interval.end().isAfter(interval.start())) {
                throw new Refused(
                        "Cada intervalo lleva inicio y fin, y el fin es posterior al inicio (p. ej. 08:00–12:00).");
            }
        }
        // Overlapping working intervals of one day would offer the same slot twice.
        if (schedule.weekly() != null) {
            schedule.weekly().forEach((day, list) -> disjoint(nullToEmpty(list), day.toString()));
        }
        nullToEmpty(schedule.exceptions())
                .forEach(e -> disjoint(nullToEmpty(e.intervals()), e.date().toString()));
    }

    private static void disjoint(List<Interval> intervals, String day) {
        var sorted = intervals.stream()
                .sorted(java.util.Comparator.comparing(Interval::start))
                .toList();
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).start().isBefore(sorted.get(i - 1).end())) {
                throw new Refused("Los intervalos de trabajo de " + day + " se superponen; únelos en uno.");
            }
        }
    }

    /** The IANA zone asked for, or the organization's when none. */
    private String zone(TenantId tenant, String wanted) {
        if (wanted == null || wanted.isBlank()) {
            return tenants.summary(tenant).map(t -> t.timeZone().getId()).orElse("America/Bogota");
        }
        return TimeZones.iana(wanted)
                .map(ZoneId::getId)
                .orElseThrow(() -> new Refused(
                        "Zona horaria desconocida: «" + wanted + "»; usa un nombre IANA como America/Bogota."));
    }

    private static List<LocalSpan> spans(List<Interval> intervals) {
        return intervals.stream().map(i -> new LocalSpan(i.start(), i.end())).toList();
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static Map<String, Object> summary(PractitionerView p) {
        var summary = new LinkedHashMap<String, Object>();
        summary.put("user_id", p.userId().toString());
        summary.put("display_name", p.displayName());
        summary.put("time_zone", p.timeZone());
        summary.put("service_ids", p.serviceIds().stream().map(UUID::toString).toList());
        summary.put("active", p.active());
        return summary;
    }

    private void record(Actor caller, String action, UUID id, Map<String, ?> summary) {
        audit.record(AuditEntry.by(caller, action, "practitioner", id.toString(), summary));
    }
}
