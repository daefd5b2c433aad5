package io.turno.scheduling.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.turno.scheduling.internal.ScheduleView.DateException;
import io.turno.scheduling.internal.ScheduleView.Interval;
import io.turno.scheduling.internal.WorkingPlan.Span;
import io.turno.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A practitioner's time: the weekly plan with its breaks, the date exceptions, and time off. */
@Repository
class Schedules {

    private final JdbcClient jdbc;

    Schedules(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The plan and exceptions of the practitioner, local times of {@code timeZone}. */
    ScheduleView read(TenantId tenant, UUID practitioner, String timeZone) {
        Map<DayOfWeek, List<Interval>> weekly = new EnumMap<>(DayOfWeek.class);
        Map<DayOfWeek, List<Interval>> breaks = new EnumMap<>(DayOfWeek.class);
        jdbc.sql("""
                SELECT day_of_week, kind, start_time, end_time FROM scheduling_weekly_intervals
                WHERE tenant_id = :tenant AND practitioner_id = :id ORDER BY day_of_week, start_time
                """).param("tenant", tenant.value()).param("id", practitioner).query(rs -> {
            var target = "WORK".equals(rs.getString("kind")) ? weekly : breaks;
            target.computeIfAbsent(DayOfWeek.of(rs.getInt("day_of_week")), d -> new ArrayList<>())
                    .add(new Interval(
                            rs.getObject("start_time", LocalTime.class), rs.getObject("end_time", LocalTime.class)));
        });
        Map<LocalDate, List<Interval>> exceptions = new TreeMap<>();
        jdbc.sql("""
                SELECT on_date, start_time, end_time FROM scheduling_date_exceptions
                WHERE tenant_id = :tenant AND practitioner_id = :id ORDER BY on_date, start_time
                """).param("tenant", tenant.value()).param("id", practitioner).query(rs -> {
            var intervals =
                    exceptions.computeIfAbsent(rs.getObject("on_date", LocalDate.class), d -> new ArrayList<>());
            LocalTime start = rs.getObject("start_time", LocalTime.class);
            if (start != null) {
                intervals.add(new Interval(start, rs.getObject("end_time", LocalTime.class)));
            }
        });
        return new ScheduleView(
                timeZone,
                weekly,
                breaks,
                exceptions.entrySet().stream()
                        .map(e -> new DateException(e.getKey(), e.getValue()))
                        .toList());
    }

    /** Replaces the plan and the exceptions (not the time zone); an exception without intervals closes its date. */
    void replace(TenantId tenant, UUID practitioner, ScheduleView schedule) {
        jdbc.sql("DELETE FROM scheduling_weekly_intervals WHERE tenant_id = :tenant AND practitioner_id = :id")
                .param("tenant", tenant.value())
                .param("id", practitioner)
                .update();
        jdbc.sql("DELETE FROM scheduling_date_exceptions WHERE tenant_id = :tenant AND practitioner_id = :id")
                .param("tenant", tenant.value())
                .param("id", practitioner)
                .update();
        insertWeekly(tenant, practitioner, "WORK", schedule.weekly());
        insertWeekly(tenant, practitioner, "BREAK", schedule.breaks());
        for (DateException exception : nullToEmpty(schedule.exceptions())) {
            var intervals = nullToEmpty(exception.intervals());
            if (intervals.isEmpty()) {
                insertException(tenant, practitioner, exception.date(), null);
            }
            intervals.forEach(interval -> insertException(tenant, practitioner, exception.date(), interval));
        }
    }

    /** Time off overlapping {@code [from, to)}, by start, in {@code zone}. */
    List<TimeOffView> timeOff(TenantId tenant, UUID practitioner, ZoneId zone, Instant from, Instant to) {
        return jdbc.sql("""
                SELECT id, starts_at, ends_at, reason FROM scheduling_time_off
                WHERE tenant_id = :tenant AND practitioner_id = :id AND ends_at > :from AND starts_at < :to
                ORDER BY starts_at
                """)
                .param("tenant", tenant.value())
                .param("id", practitioner)
                .param("from", OffsetDateTime.ofInstant(from, zone))
                .param("to", OffsetDateTime.ofInstant(to, zone))
                .query((rs, n) -> new TimeOffView(
                        rs.getObject("id", UUID.class),
                        practitioner,
                        rs.getObject("starts_at", OffsetDateTime.class)
                                .atZoneSameInstant(zone)
                                .toOffsetDateTime(),
                        rs.getObject("ends_at", OffsetDateTime.class)
                                .atZoneSameInstant(zone)
                                .toOffsetDateTime(),
                        rs.getString("reason")))
                .list();
    }

    /** The time off overlapping {@code [from, to)}, as spans of real time. */
    List<Span> timeOffSpans(TenantId tenant, UUID practitioner, Instant from, Instant to) {
        return jdbc.sql("""
                SELECT starts_at, ends_at FROM scheduling_time_off
                WHERE tenant_id = :tenant AND practitioner_id = :p AND ends_at > :from AND starts_at < :to
                """)
                .param("tenant", tenant.value())
                .param("p", practitioner)
                .param("from", OffsetDateTime.ofInstant(from, ZoneOffset.UTC))
                .param("to", OffsetDateTime.ofInstant(to, ZoneOffset.UTC))
                .query((rs, n) -> new Span(
                        rs.getObject(1, OffsetDateTime.class).toInstant(),
                        rs.getObject(2, OffsetDateTime.class).toInstant()))
                .list();
    }

    void insertTimeOff(
            TenantId tenant, UUID practitioner, UUID id, OffsetDateTime start, OffsetDateTime end, String reason) {
        jdbc.sql("""
                INSERT INTO scheduling_time_off (id, tenant_id, practitioner_id, starts_at, ends_at, reason)
                VALUES (:id, :tenant, :practitioner, :start, :end, :reason)
                """)
                .param("id", id)
                .param("tenant", tenant.value())
                .param("practitioner", practitioner)
                .param("start", start)
                .param("end", end)
                .param("reason", reason)
                .update();
    }

    /** Whether there was such time off to delete. */
    boolean deleteTimeOff(TenantId tenant, UUID practitioner, UUID id) {
        return jdbc.sql("""
                DELETE FROM scheduling_time_off WHERE tenant_id = :tenant AND practitioner_id = :id AND id = :t
                """)
                        .param("tenant", tenant.value())
                        .param("id", practitioner)
                        .param("t", id)
                        .update()
                == 1;
    }

    private void insertWeekly(TenantId tenant, UUID id, String kind, Map<DayOfWeek, List<Interval>> days) {
        if (days == null) {
            return;
        }
        days.forEach((day, intervals) -> nullToEmpty(intervals)
                .forEach(interval -> jdbc.sql("""
                INSERT INTO scheduling_weekly_intervals (tenant_id, practitioner_id, day_of_week, kind, start_time, end_time)
                VALUES (:tenant, :id, :day, :kind, :start, :end)
                """)
                        .param("tenant", tenant.value())
                        .param("id", id)
                        .param("day", day.getValue())
                        .param("kind", kind)
                        .param("start", interval.start())
                        .param("end", interval.end())
                        .update()));
    }

    private void insertException(TenantId tenant, UUID id, LocalDate date, Interval interval) {
        jdbc.sql("""
                INSERT INTO scheduling_date_exceptions (tenant_id, practitioner_id, on_date, start_time, end_time)
                VALUES (:tenant, :id, :date, :start, :end)
                """)
                .param("tenant", tenant.value())
                .param("id", id)
                .param("date", date)
                .param("start", interval == null ? null : interval.start())
                .param("end", interval == null ? null : interval.end())
                .update();
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
