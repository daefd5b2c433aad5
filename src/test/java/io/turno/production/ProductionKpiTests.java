package io.turno.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.turno.TurnoTest;
import io.turno.production.internal.DetectionIngest;
import io.turno.production.internal.DetectionIngest.RawDetection;
import io.turno.production.internal.Downtime;
import io.turno.production.internal.Kpis;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Synthetic days whose shifts, breaks, gaps, cycle times and rejects are chosen here, in a fresh
 * organization of the plant's time zone: the KPIs equal the values computed by hand, and the
 * downtime job, run incrementally, twice or over overlapping ranges, leaves the same events.
 */
@TurnoTest
@org.springframework.test.context.event.RecordApplicationEvents
class ProductionKpiTests {

    @Autowired
    org.springframework.test.context.event.ApplicationEvents published;

    static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

    JdbcClient owner;

    @Autowired
    void ownerConnection(javax.sql.DataSource dataSource) {
        owner = io.turno.TestDatabase.owner(dataSource);
    }

    @Autowired
    DetectionIngest ingest;

    @Autowired
    Downtime downtime;

    @Autowired
    Kpis kpis;

    record Setup(TenantId tenant, UUID line, String lineCode, UUID output, UUID input, UUID productA, UUID productB) {}

    /**
     * A morning shift 06:00–14:00 with a break 10:00–10:30 (planned 7.5 h = 27,000 s), threshold
     * 300 s. Output: A every 30 s 06:10–09:00 (every 10th rejected), nothing 09:00–09:20, A every
     * 30 s 09:20–09:59:30, the break, B every 30 s 10:30–12:00 and 12:04–13:50 (a 240 s gap: not
     * downtime), nothing to 14:00. Downtime: 06:00–06:10, 09:00–09:20, 13:50–14:00 = 2,400 s.
     */
    @Test
    void aDayShiftWithBreakGapsCycleTimesAndRejectsGivesTheHandComputedKpis() {
        Setup s = setup("Europe/Madrid", "Mañana", "06:00", "14:00", "[{\"start\": \"10:00\", \"end\": \"10:30\"}]");
        LocalDate day = LocalDate.of(2025, 6, 10);
        List<RawDetection> rows = new ArrayList<>();
        int a = 0;
        int b = 0;
        int rejected = 0;
        for (int k = 0; k <= 340; k++) {
            boolean reject = k % 10 == 0;
            rows.add(row(s, "A", local(day, "06:10").plusSeconds(30L * k), reject));
            rejected += reject ? 1 : 0;
            a++;
        }
        for (int k = 0; k < 80; k++, a++) {
            rows.add(row(s, "A", local(day, "09:20").plusSeconds(30L * k), false));
        }
        for (int k = 0; k <= 180; k++, b++) {
            rows.add(row(s, "B", local(day, "10:30").plusSeconds(30L * k), false));
        }
        for (int k = 0; k <= 212; k++, b++) {
            rows.add(row(s, "B", local(day, "12:04").plusSeconds(30L * k), false));
        }
        // The INPUT area saw things all day, during the gaps too: it counts for neither production nor downtime.
        for (int k = 0; k < 48; k++) {
            rows.add(new RawDetection(
                    s.lineCode(),
                    "Entrada",
                    "A-" + s.lineCode(),
                    local(day, "06:00").plusSeconds(600L * k).toString(),
                    "false",
                    null));
        }
        store(s, rows);

        // The job every 15 minutes of the day, as the scheduler would run it.
        List<Downtime.Event> found = new ArrayList<>();
        for (Instant until = local(day, "05:00");
                !until.isAfter(local(day, "15:00"));
                until = until.plus(Duration.ofMinutes(15))) {
            Instant at = until;
            found.addAll(TenantScope.call(s.tenant(), () -> downtime.detectUpTo(s.tenant(), at)));
        }
        // Its first run looks back a day (turno.production.downtime.first-lookback): the day before had no
        // detections at all, so both pieces of its shift were downtime.
        assertThat(found)
                .extracting(e -> e.startedAt() + "/" + e.endedAt())
                .containsExactly(
                        local(day.minusDays(1), "06:00") + "/" + local(day.minusDays(1), "10:00"),
                        local(day.minusDays(1), "10:30") + "/" + local(day.minusDays(1), "14:00"),
                        local(day, "06:00") + "/" + local(day, "06:10"),
                        local(day, "09:00") + "/" + local(day, "09:20"),
                        local(day, "13:50") + "/" + local(day, "14:00"));
        // Twice more over the whole day and once over an overlapping range: nothing new.
        for (Instant[] range : new Instant[][] {
            {local(day, "00:00"), local(day, "23:59")},
            {local(day, "00:00"), local(day, "23:59")},
            {local(day, "08:00"), local(day, "12:00")}
        }) {
            assertThat(TenantScope.call(s.tenant(), () -> downtime.detect(s.tenant(), s.line(), range[0], range[1])))
                    .isEmpty();
        }
        assertThat(owner.sql("SELECT count(*) FROM production_downtime_events WHERE line_id = :l")
                        .param("l", s.line())
                        .query(Long.class)
                        .single())
                .isEqualTo(5);
        assertThat(published.stream(DowntimeDetected.class)
                        .filter(e -> e.lineId().equals(s.line())))
                .as("one event per downtime, none for the runs that found nothing new")
                .extracting(DowntimeDetected::durationSeconds)
                .containsExactly(14_400L, 12_600L, 600L, 1_200L, 600L);

        Kpis.Summary k = TenantScope.call(
                s.tenant(),
                () -> kpis.kpis(
                        s.tenant(),
                        s.line(),
                        local(day, "00:00"),
                        local(day, "00:00").plus(Duration.ofDays(1)),
                        null));
        double planned = 27_000;
        double down = 2_400;
        double run = planned - down;
        long total = a + b;
        double availability = run / planned;
        double performance = (27.0 * a + 28.0 * b) / run;
        double quality = (total - rejected) / (double) total;
        assertThat(k.plannedSeconds()).isEqualTo(planned);
        assertThat(k.downtimeSeconds()).isEqualTo(down);
        assertThat(k.runSeconds()).isEqualTo(run);
        assertThat(k.total()).isEqualTo(total);
        assertThat(k.rejected()).isEqualTo(rejected);
        assertThat(k.good()).isEqualTo(total - rejected);
        assertThat(k.availability()).isCloseTo(availability, within(1e-6));
        assertThat(k.performance()).isCloseTo(performance, within(1e-6));
        assertThat(k.quality()).isCloseTo(quality, within(1e-6));
        assertThat(k.oee()).isCloseTo(availability * performance * quality, within(1e-6));
        assertThat(k.performanceWarning()).isFalse();

        // Half the day: planned 06:00–10:00 (4 h), downtime 06:00–06:10 and 09:00–09:20.
        Kpis.Summary morning = TenantScope.call(
                s.tenant(), () -> kpis.kpis(s.tenant(), s.line(), local(day, "00:00"), local(day, "10:00"), null));
        assertThat(morning.plannedSeconds()).isEqualTo(14_400);
        assertThat(morning.downtimeSeconds()).isEqualTo(1_800);
        assertThat(morning.total()).isEqualTo(a);

        List<Kpis.ProductShare> mix = TenantScope.call(
                s.tenant(), () -> kpis.productMix(s.tenant(), s.line(), local(day, "00:00"), local(day, "23:59")));
        assertThat(mix).extracting(Kpis.ProductShare::total).containsExactly((long) a, (long) b);
        List<Kpis.Point> hours = TenantScope.call(
                s.tenant(),
                () -> kpis.series(
                        s.tenant(), s.line(), local(day, "00:00"), local(day, "23:59"), Kpis.Interval.HOUR, null));
        assertThat(hours.stream().mapToLong(Kpis.Point::total).sum()).isEqualTo(total);
        assertThat(hours.getFirst().start()).isEqualTo(local(day, "06:00"));
        assertThat(hours.getFirst().total()).as("06:10–06:59:30 every 30 s").isEqualTo(100);
        List<Kpis.Point> onlyB = TenantScope.call(
                s.tenant(),
                () -> kpis.series(
                        s.tenant(),
                        s.line(),
                        local(day, "00:00"),
                        local(day, "23:59"),
                        Kpis.Interval.DAY,
                        s.productB()));
        assertThat(onlyB).singleElement().extracting(Kpis.Point::total).isEqualTo((long) b);
    }

    /**
     * A night shift 22:00–06:00 across the night Madrid moves its clocks forward (29–30 March 2025):
     * 7 hours, minus the break 04:00–04:30, plans 23,400 s. One detection a minute except a gap
     * 00:30–01:00 local (1,800 s of downtime, across midnight). A day shift 08:00–16:00 on the 30th
     * has no detections at all: all of it is downtime, and the shift filter leaves it out.
     */
    @Test
    void aNightShiftAcrossMidnightOnTheDaylightSavingDay() {
        Setup s = setup("Europe/Madrid", "Noche", "22:00", "06:00", "[{\"start\": \"04:00\", \"end\": \"04:30\"}]");
        UUID day = UUID.randomUUID();
        owner.sql(
                        "INSERT INTO production_shifts (id, tenant_id, name, start_time, end_time) VALUES (:id, :t, 'Día', '08:00', '16:00')")
                .param("id", day)
                .param("t", s.tenant().value())
                .update();
        UUID night = owner.sql("SELECT id FROM production_shifts WHERE tenant_id = :t AND name = 'Noche'")
                .param("t", s.tenant().value())
                .query(UUID.class)
                .single();
        Instant start = OffsetDateTime.parse("2025-03-29T22:00:00+01:00").toInstant();
        Instant end = OffsetDateTime.parse("2025-03-30T06:00:00+02:00").toInstant();
        assertThat(Duration.between(start, end)).isEqualTo(Duration.ofHours(7));
        Instant breakStart = OffsetDateTime.parse("2025-03-30T04:00:00+02:00").toInstant();
        Instant gapStart = OffsetDateTime.parse("2025-03-30T00:30:00+01:00").toInstant();
        List<RawDetection> rows = new ArrayList<>();
        for (Instant t = start; t.isBefore(end); t = t.plusSeconds(60)) {
            boolean inBreak = !t.isBefore(breakStart) && t.isBefore(breakStart.plusSeconds(1800));
            boolean inGap = t.isAfter(gapStart) && t.isBefore(gapStart.plusSeconds(1800));
            if (!inBreak && !inGap) {
                rows.add(row(s, t.getEpochSecond() % 7 == 0 ? "B" : "A", t, t.getEpochSecond() % 13 == 0));
            }
        }
        store(s, rows);
        long a = rows.stream().filter(r -> r.productCode().startsWith("A")).count();
        long b = rows.size() - a;
        long rejected = rows.stream().filter(r -> r.rejected().equals("true")).count();

        Instant dayEnd = OffsetDateTime.parse("2025-03-30T16:00:00+02:00").toInstant();
        List<Downtime.Event> events =
                TenantScope.call(s.tenant(), () -> downtime.detect(s.tenant(), s.line(), start, dayEnd));
        assertThat(events).extracting(Downtime.Event::durationSeconds).containsExactly(1_800L, 28_800L);
        assertThat(TenantScope.call(
                        s.tenant(), () -> downtime.detect(s.tenant(), s.line(), start.minusSeconds(3600), dayEnd)))
                .isEmpty();

        Kpis.Summary k = TenantScope.call(s.tenant(), () -> kpis.kpis(s.tenant(), s.line(), start, dayEnd, night));
        double planned = 23_400;
        double run = planned - 1_800;
        double performance = (27.0 * a + 28.0 * b) / run;
        assertThat(k.plannedSeconds()).isEqualTo(planned);
        assertThat(k.downtimeSeconds()).isEqualTo(1_800);
        assertThat(k.total()).isEqualTo(rows.size());
        assertThat(k.availability()).isCloseTo(run / planned, within(1e-6));
        assertThat(k.performance()).isCloseTo(performance, within(1e-6));
        assertThat(k.performanceWarning())
                .as("27 s cycles made once a minute: slower than ideal")
                .isFalse();
        assertThat(k.quality()).isCloseTo((rows.size() - rejected) / (double) rows.size(), within(1e-6));
        assertThat(k.oee())
                .isCloseTo(run / planned * performance * (rows.size() - rejected) / rows.size(), within(1e-6));

        Kpis.Summary both = TenantScope.call(s.tenant(), () -> kpis.kpis(s.tenant(), s.line(), start, dayEnd, null));
        assertThat(both.plannedSeconds()).isEqualTo(planned + 28_800);
        assertThat(both.downtimeSeconds()).isEqualTo(1_800 + 28_800);
        assertThat(both.availability()).isCloseTo(run / (planned + 28_800), within(1e-6));

        List<Kpis.Point> shifts = TenantScope.call(
                s.tenant(), () -> kpis.series(s.tenant(), s.line(), start, dayEnd, Kpis.Interval.SHIFT, null));
        assertThat(shifts)
                .extracting(p -> p.label() + "=" + p.total())
                .containsExactly("Noche=" + rows.size(), "Día=0");
        List<Kpis.Point> days = TenantScope.call(
                s.tenant(), () -> kpis.series(s.tenant(), s.line(), start, dayEnd, Kpis.Interval.DAY, null));
        assertThat(days).extracting(Kpis.Point::label).containsExactly("2025-03-29T00:00", "2025-03-30T00:00");
        assertThat(Duration.between(days.get(1).start(), days.get(1).end()))
                .as("the short day")
                .isEqualTo(Duration.ofHours(23));
        assertThat(days.get(0).total()).as("22:00–23:59 local").isEqualTo(120);
    }

    /** Four instances searching the same day at once: each gap is recorded and announced once. */
    @Test
    void concurrentSearchesRecordEachDowntimeOnce() throws Exception {
        Setup s = setup("UTC", "Corto", "08:00", "12:00", "[]");
        LocalDate day = LocalDate.of(2025, 7, 1);
        Instant start = day.atTime(8, 0).toInstant(java.time.ZoneOffset.UTC);
        List<RawDetection> rows = new ArrayList<>();
        for (int k = 0; k < 240; k++) {
            if (k % 40 < 30) {
                rows.add(row(s, "A", start.plusSeconds(60L * k), false));
            }
        }
        store(s, rows);
        Instant end = start.plus(Duration.ofHours(4));
        List<java.util.concurrent.Callable<List<Downtime.Event>>> searches = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            searches.add(() -> TenantScope.call(s.tenant(), () -> downtime.detect(s.tenant(), s.line(), start, end)));
        }
        List<Downtime.Event> found = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            for (var result : pool.invokeAll(searches)) {
                found.addAll(result.get());
            }
        }
        // Gaps of 10 minutes after each 30 minutes of production: 5 between detections, 1 to the shift's end.
        assertThat(found).hasSize(6);
        assertThat(found).extracting(Downtime.Event::startedAt).doesNotHaveDuplicates();
        assertThat(owner.sql("SELECT count(*) FROM production_downtime_events WHERE line_id = :l")
                        .param("l", s.line())
                        .query(Long.class)
                        .single())
                .isEqualTo(6);
        assertThat(published.stream(DowntimeDetected.class)
                        .filter(e -> e.lineId().equals(s.line())))
                .hasSize(6);
    }

    private Setup setup(String zone, String shift, String start, String end, String breaks) {
        TenantId tenant = new TenantId(UUID.randomUUID());
        String tag = tenant.value().toString().substring(0, 8).toUpperCase();
        owner.sql("INSERT INTO tenants (id, slug, name, time_zone) VALUES (:id, :slug, 'Planta', :zone)")
                .param("id", tenant.value())
                .param("slug", "planta-" + tag.toLowerCase())
                .param("zone", zone)
                .update();
        UUID line = UUID.randomUUID();
        owner.sql(
                        "INSERT INTO production_lines (id, tenant_id, code, name, downtime_threshold_seconds) VALUES (:id, :t, :code, 'Línea', 300)")
                .param("id", line)
                .param("t", tenant.value())
                .param("code", "L-" + tag)
                .update();
        UUID output = UUID.randomUUID();
        UUID input = UUID.randomUUID();
        owner.sql(
                        "INSERT INTO production_areas (id, tenant_id, line_id, name, type) VALUES (:o, :t, :l, 'Salida', 'OUTPUT'), (:i, :t, :l, 'Entrada', 'INPUT')")
                .param("o", output)
                .param("i", input)
                .param("t", tenant.value())
                .param("l", line)
                .update();
        UUID productA = UUID.randomUUID();
        UUID productB = UUID.randomUUID();
        owner.sql("""
                INSERT INTO production_products (id, tenant_id, code, name, ideal_cycle_seconds)
                VALUES (:a, :t, :ca, 'A', 27), (:b, :t, :cb, 'B', 28)""")
                .param("a", productA)
                .param("b", productB)
                .param("t", tenant.value())
                .param("ca", "A-L-" + tag)
                .param("cb", "B-L-" + tag)
                .update();
        owner.sql(
                        "INSERT INTO production_shifts (id, tenant_id, name, start_time, end_time, breaks) VALUES (:id, :t, :name, CAST(:s AS time), CAST(:e AS time), CAST(:b AS jsonb))")
                .param("id", UUID.randomUUID())
                .param("t", tenant.value())
                .param("name", shift)
                .param("s", start)
                .param("e", end)
                .param("b", breaks)
                .update();
        return new Setup(tenant, line, "L-" + tag, output, input, productA, productB);
    }

    private static RawDetection row(Setup s, String product, Instant at, boolean rejected) {
        return new RawDetection(
                s.lineCode(), "Salida", product + "-" + s.lineCode(), at.toString(), String.valueOf(rejected), null);
    }

    private void store(Setup s, List<RawDetection> rows) {
        DetectionIngest.Result result = TenantScope.call(s.tenant(), () -> ingest.ingest(s.tenant(), rows, true));
        assertThat(result.rejected()).isEmpty();
        assertThat(result.accepted()).isEqualTo(rows.size());
    }

    private static Instant local(LocalDate day, String time) {
        return day.atTime(java.time.LocalTime.parse(time)).atZone(MADRID).toInstant();
    }
}
