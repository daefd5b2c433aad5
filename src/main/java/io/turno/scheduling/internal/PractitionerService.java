package io.turno.scheduling.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
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
import java.util.TreeMap;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Practitioners, their services, weekly plan, date exceptions and time off: create, replace,
 * deactivate, every change audited with before and after.
 */
@Service
public class PractitionerService {

    /** What a practitioner is made of, on create and on replace; null time zone: the organization's. */
    public record PractitionerCommand(UUID userId, String displayName, String timeZone, List<UUID> serviceIds,
                                      boolean active) {
    }

    public record TimeOffCommand(OffsetDateTime start, OffsetDateTime end, String reason) {
    }

    private static final String VIEW = """
            SELECT p.id, p.user_id, p.display_name, p.time_zone, p.active, p.created_at, p.updated_at,
                   ARRAY(SELECT s.service_id FROM scheduling_practitioner_services s
                         WHERE s.practitioner_id = p.id ORDER BY s.service_id) AS service_ids
            FROM scheduling_practitioners p
            """;

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final UserDirectory users;
    private final TenantDirectory tenants;
    private final ServiceCatalog catalog;

    PractitionerService(JdbcClient jdbc, AuditLog audit, UserDirectory users, TenantDirectory tenants,
                        ServiceCatalog catalog) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.users = users;
        this.tenants = tenants;
        this.catalog = catalog;
    }

    @Transactional(readOnly = true)
    public PageResult<PractitionerView> list(TenantId tenant, UUID serviceId, Boolean active, int page, int size) {
        String where = """
                WHERE p.tenant_id = :tenant
                  AND (CAST(:active AS boolean) IS NULL OR p.active = :active)
                  AND (CAST(:service AS uuid) IS NULL OR EXISTS (SELECT 1 FROM scheduling_practitioner_services s
                       WHERE s.practitioner_id = p.id AND s.service_id = :service))
                """;
        Map<String, Object> params = new HashMap<>();
        params.put("tenant", tenant.value());
        params.put("active", active);
        params.put("service", serviceId);
        long total = jdbc.sql("SELECT count(*) FROM scheduling_practitioners p " + where).params(params)
                .query(Long.class).single();
        params.put("limit", size);
        params.put("offset", (long) page * size);
        var items = jdbc.sql(VIEW + where + " ORDER BY lower(p.display_name), p.id LIMIT :limit OFFSET :offset")
                .params(params).query(PractitionerService::view).list();
        return new PageResult<>(items, page, size, total);
    }

    @Transactional(readOnly = true)
    public Optional<PractitionerView> find(TenantId tenant, UUID id) {
        return jdbc.sql(VIEW + " WHERE p.tenant_id = :tenant AND p.id = :id")
                .param("tenant", tenant.value()).param("id", id).query(PractitionerService::view).optional();
    }

    @Transactional(readOnly = true)
    public Optional<PractitionerView> findByUser(TenantId tenant, UUID userId) {
        return jdbc.sql(VIEW + " WHERE p.tenant_id = :tenant AND p.user_id = :user")
                .param("tenant", tenant.value()).param("user", userId).query(PractitionerService::view).optional();
    }

    @Transactional(readOnly = true)
    public PractitionerView get(TenantId tenant, UUID id) {
        return find(tenant, id).orElseThrow(() -> new NotFound("Terapeuta", id));
    }

    @Transactional
    public PractitionerView create(Actor caller, PractitionerCommand command) {
        TenantId tenant = caller.tenantId();
        var user = users.find(tenant, command.userId()).filter(UserDirectory.UserSummary::active)
                .orElseThrow(() -> new Refused("El usuario " + command.userId() + " no existe o está inactivo."));
        String zone = zone(tenant, command.timeZone());
        String name = command.displayName() == null || command.displayName().isBlank() ? user.fullName()
                : command.displayName().strip();
        UUID id = UUID.randomUUID();
        try {
            jdbc.sql("""
                    INSERT INTO scheduling_practitioners (id, tenant_id, user_id, display_name, time_zone, active)
                    VALUES (:id, :tenant, :user, :name, :zone, :active)
                    """).param("id", id).param("tenant", tenant.value()).param("user", user.id()).param("name", name)
                    .param("zone", zone).param("active", command.active()).update();
        } catch (DuplicateKeyException e) {
            throw new AlreadyPractitioner();
        }
        replaceServices(tenant, id, command.serviceIds());
        var created = get(tenant, id);
        record(caller, "CREATE", id, Map.of("after", summary(created)));
        return created;
    }

    @Transactional
    public PractitionerView update(Actor caller, UUID id, PractitionerCommand command) {
        TenantId tenant = caller.tenantId();
        var before = get(tenant, id);
        if (!before.userId().equals(command.userId())) {
            users.find(tenant, command.userId()).filter(UserDirectory.UserSummary::active)
                    .orElseThrow(() -> new Refused("El usuario " + command.userId() + " no existe o está inactivo."));
        }
        String name = command.displayName() == null || command.displayName().isBlank() ? before.displayName()
                : command.displayName().strip();
        try {
            jdbc.sql("""
                    UPDATE scheduling_practitioners SET user_id = :user, display_name = :name, time_zone = :zone,
                           active = :active, updated_at = now()
                    WHERE tenant_id = :tenant AND id = :id
                    """).param("id", id).param("tenant", tenant.value()).param("user", command.userId())
                    .param("name", name).param("zone", zone(tenant, command.timeZone())).param("active", command.active())
                    .update();
        } catch (DuplicateKeyException e) {
            throw new AlreadyPractitioner();
        }
        replaceServices(tenant, id, command.serviceIds());
        var after = get(tenant, id);
        record(caller, "UPDATE", id, AuditEntry.change(summary(before), summary(after)));
        return after;
    }

    /** Deactivates: the practitioner's appointments stay, no new one is booked. */
    @Transactional
    public void deactivate(Actor caller, UUID id) {
        var before = get(caller.tenantId(), id);
        if (jdbc.sql("UPDATE scheduling_practitioners SET active = FALSE, updated_at = now() "
                        + "WHERE tenant_id = :tenant AND id = :id AND active")
                .param("tenant", caller.tenantId().value()).param("id", id).update() == 1) {
            record(caller, "DELETE", id, Map.of("before", summary(before)));
        }
    }

    @Transactional(readOnly = true)
    public ScheduleView schedule(TenantId tenant, UUID id) {
        return schedule(tenant, get(tenant, id));
    }

    private ScheduleView schedule(TenantId tenant, PractitionerView practitioner) {
        UUID id = practitioner.id();
        Map<DayOfWeek, List<Interval>> weekly = new EnumMap<>(DayOfWeek.class);
        Map<DayOfWeek, List<Interval>> breaks = new EnumMap<>(DayOfWeek.class);
        jdbc.sql("""
                SELECT day_of_week, kind, start_time, end_time FROM scheduling_weekly_intervals
                WHERE tenant_id = :tenant AND practitioner_id = :id ORDER BY day_of_week, start_time
                """).param("tenant", tenant.value()).param("id", id).query(rs -> {
            var target = "WORK".equals(rs.getString("kind")) ? weekly : breaks;
            target.computeIfAbsent(DayOfWeek.of(rs.getInt("day_of_week")), d -> new ArrayList<>())
                    .add(new Interval(rs.getObject("start_time", LocalTime.class), rs.getObject("end_time", LocalTime.class)));
        });
        Map<LocalDate, List<Interval>> exceptions = new TreeMap<>();
        jdbc.sql("""
                SELECT on_date, start_time, end_time FROM scheduling_date_exceptions
                WHERE tenant_id = :tenant AND practitioner_id = :id ORDER BY on_date, start_time
                """).param("tenant", tenant.value()).param("id", id).query(rs -> {
            var intervals = exceptions.computeIfAbsent(rs.getObject("on_date", LocalDate.class), d -> new ArrayList<>());
            LocalTime start = rs.getObject("start_time", LocalTime.class);
            if (start != null) {
                intervals.add(new Interval(start, rs.getObject("end_time", LocalTime.class)));
            }
        });
        return new ScheduleView(practitioner.timeZone(), weekly, breaks,
                exceptions.entrySet().stream().map(e -> new DateException(e.getKey(), e.getValue())).toList());
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

    @Transactional
    public ScheduleView replaceSchedule(Actor caller, UUID id, ScheduleView schedule) {
        TenantId tenant = caller.tenantId();
        var before = schedule(tenant, id);
        check(schedule);
        jdbc.sql("DELETE FROM scheduling_weekly_intervals WHERE tenant_id = :tenant AND practitioner_id = :id")
                .param("tenant", tenant.value()).param("id", id).update();
        jdbc.sql("DELETE FROM scheduling_date_exceptions WHERE tenant_id = :tenant AND practitioner_id = :id")
                .param("tenant", tenant.value()).param("id", id).update();
        insertWeekly(tenant, id, "WORK", schedule.weekly());
        insertWeekly(tenant, id, "BREAK", schedule.breaks());
        for (DateException exception : nullToEmpty(schedule.exceptions())) {
            var intervals = nullToEmpty(exception.intervals());
            if (intervals.isEmpty()) {
                insertException(tenant, id, exception.date(), null);
            }
            intervals.forEach(interval -> insertException(tenant, id, exception.date(), interval));
        }
        if (schedule.timeZone() != null && !schedule.timeZone().isBlank()) {
            jdbc.sql("UPDATE scheduling_practitioners SET time_zone = :zone, updated_at = now() "
                            + "WHERE tenant_id = :tenant AND id = :id")
                    .param("zone", zone(tenant, schedule.timeZone())).param("tenant", tenant.value()).param("id", id)
                    .update();
        }
        var after = schedule(tenant, id);
        record(caller, "UPDATE", id, AuditEntry.change(Map.of("schedule", before), Map.of("schedule", after)));
        return after;
    }

    @Transactional(readOnly = true)
    public List<TimeOffView> timeOff(TenantId tenant, UUID id, Instant from, Instant to) {
        var practitioner = get(tenant, id);
        ZoneId zone = ZoneId.of(practitioner.timeZone());
        return jdbc.sql("""
                SELECT id, starts_at, ends_at, reason FROM scheduling_time_off
                WHERE tenant_id = :tenant AND practitioner_id = :id AND ends_at > :from AND starts_at < :to
                ORDER BY starts_at
                """).param("tenant", tenant.value()).param("id", id)
                .param("from", OffsetDateTime.ofInstant(from, zone)).param("to", OffsetDateTime.ofInstant(to, zone))
                .query((rs, n) -> new TimeOffView(rs.getObject("id", UUID.class), id,
                        rs.getObject("starts_at", OffsetDateTime.class).atZoneSameInstant(zone).toOffsetDateTime(),
                        rs.getObject("ends_at", OffsetDateTime.class).atZoneSameInstant(zone).toOffsetDateTime(),
                        rs.getString("reason")))
                .list();
    }

    @Transactional
    public TimeOffView addTimeOff(Actor caller, UUID id, TimeOffCommand command) {
        var practitioner = get(caller.tenantId(), id);
        if (!command.end().isAfter(command.start())) {
            throw new Refused("El fin del tiempo libre debe ser posterior a su inicio.");
        }
        UUID timeOffId = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO scheduling_time_off (id, tenant_id, practitioner_id, starts_at, ends_at, reason)
                VALUES (:id, :tenant, :practitioner, :start, :end, :reason)
                """).param("id", timeOffId).param("tenant", caller.tenantId().value()).param("practitioner", id)
                .param("start", command.start()).param("end", command.end()).param("reason", command.reason()).update();
        ZoneId zone = ZoneId.of(practitioner.timeZone());
        var view = new TimeOffView(timeOffId, id, command.start().atZoneSameInstant(zone).toOffsetDateTime(),
                command.end().atZoneSameInstant(zone).toOffsetDateTime(), command.reason());
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
        if (jdbc.sql("DELETE FROM scheduling_time_off WHERE tenant_id = :tenant AND practitioner_id = :id AND id = :t")
                .param("tenant", caller.tenantId().value()).param("id", id).param("t", timeOffId).update() == 0) {
            throw new NotFound("Tiempo libre", timeOffId);
        }
        record(caller, "DELETE", id, Map.of("before", Map.of("time_off", timeOffId.toString())));
    }

    private void replaceServices(TenantId tenant, UUID id, List<UUID> serviceIds) {
        jdbc.sql("DELETE FROM scheduling_practitioner_services WHERE tenant_id = :tenant AND practitioner_id = :id")
                .param("tenant", tenant.value()).param("id", id).update();
        for (UUID serviceId : new LinkedHashSet<>(nullToEmpty(serviceIds))) {
            ServiceView service = catalog.find(tenant, serviceId)
                    .orElseThrow(() -> new Refused("El servicio " + serviceId + " no existe."));
            if (!service.bookable() || service.durationMinutes() == null) {
                throw new Refused("El servicio " + service.code()
                        + " no se reserva con cita: debe ser reservable y tener una duración.");
            }
            jdbc.sql("""
                    INSERT INTO scheduling_practitioner_services (tenant_id, practitioner_id, service_id)
                    VALUES (:tenant, :id, :service)
                    """).param("tenant", tenant.value()).param("id", id).param("service", serviceId).update();
        }
    }

    private void insertWeekly(TenantId tenant, UUID id, String kind, Map<DayOfWeek, List<Interval>> days) {
        if (days == null) {
            return;
        }
        days.forEach((day, intervals) -> nullToEmpty(intervals).forEach(interval -> jdbc.sql("""
                INSERT INTO scheduling_weekly_intervals (tenant_id, practitioner_id, day_of_week, kind, start_time, end_time)
                VALUES (:tenant, :id, :day, :kind, :start, :end)
                """).param("tenant", tenant.value()).param("id", id).param("day", day.getValue()).param("kind", kind)
                .param("start", interval.start()).param("end", interval.end()).update()));
    }

    private void insertException(TenantId tenant, UUID id, LocalDate date, Interval interval) {
        jdbc.sql("""
                INSERT INTO scheduling_date_exceptions (tenant_id, practitioner_id, on_date, start_time, end_time)
                VALUES (:tenant, :id, :date, :start, :end)
                """).param("tenant", tenant.value()).param("id", id).param("date", date)
                .param("start", interval == null ? null : interval.start())
                .param("end", interval == null ? null : interval.end()).update();
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
            if (interval == null || interval.start() == null || interval.end() == null
                    || !interval.end().isAfter(interval.start())) {
                throw new Refused("Cada intervalo lleva inicio y fin, y el fin es posterior al inicio (p. ej. 08:00–12:00).");
            }
        }
        // Overlapping working intervals of one day would offer the same slot twice.
        if (schedule.weekly() != null) {
            schedule.weekly().forEach((day, list) -> disjoint(nullToEmpty(list), day.toString()));
        }
        nullToEmpty(schedule.exceptions()).forEach(e -> disjoint(nullToEmpty(e.intervals()), e.date().toString()));
    }

    private static void disjoint(List<Interval> intervals, String day) {
        var sorted = intervals.stream().sorted(java.util.Comparator.comparing(Interval::start)).toList();
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
        return TimeZones.iana(wanted).map(ZoneId::getId).orElseThrow(() -> new Refused(
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
        audit.record(new AuditEntry(caller.tenantId(), caller.userId(), caller.username(), action, "practitioner",
                id.toString(), summary));
    }

    private static PractitionerView view(ResultSet rs, int row) throws SQLException {
        UUID[] services = (UUID[]) rs.getArray("service_ids").getArray();
        return new PractitionerView(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
                rs.getString("display_name"), rs.getString("time_zone"), List.of(services), rs.getBoolean("active"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
