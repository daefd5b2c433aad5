package io.turno.scheduling;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import io.turno.TestDatabase;
import io.turno.TestHttp;
import io.turno.Wrk;
import io.turno.Wrk.Figures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 6's scheduling targets, measured, not asserted: {@code ./mvnw -Pbench test -Dtest=SchedulingBenchmark}.
 * With 10,000 appointments in the tenant (20 practitioners × 100 days × 5), p50/p99 of one therapist's
 * availability over 30 days and of their agenda for a week (one client, one request at a time), and
 * bookings per second with 32 concurrent clients, each booking consecutive slots of its own
 * practitioner. Both from {@code wrk} when installed (else from this JVM), on the same two cores as
 * the server and its database: the reads from one connection for {@link #READS} each, thousands of
 * requests. This JVM's own client added 0.5-1 ms to a read's p50 and 1-3 ms to its p99 (3 December:
 * agenda p99 6.3 and 6.8 ms from {@code wrk}, 6.8-9.4 ms from this JVM in the same runs).
 * {@code -Dbench.only=reads} or {@code bookings} runs one half.
 *
 * <p>Each read is first sent {@value #WARM_UP} times unmeasured: with only 100, the JIT was still
 * compiling the agenda's path on the same two cores while it was measured, and those compilations,
 * not the agenda, made its p99 (the first thousand requests' p50 falls from 4-7 ms to 2 ms). Then
 * {@value #MEASURED} measured requests without {@code wrk}, so that a p99 is the 10th slowest rather than the 5th.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"logging.level.io.turno=WARN", "spring.datasource.hikari.maximum-pool-size=20"})
class SchedulingBenchmark {

    @LocalServerPort
    int port;

    @Autowired
    javax.sql.DataSource dataSource;

    static final int WARM_UP = 1500;

    /**
     * Bookings run for this long unmeasured first: on this machine the JIT compiler was still taking
     * a third of a core a minute into the load.
     */
    static final Duration BOOKING_WARM_UP = Duration.ofSeconds(60);

    static final int WRK_THREADS = 2;
    static final int MEASURED = 1000;
    static final Duration READS = Duration.ofSeconds(10);
    static final String ONLY = System.getProperty("bench.only", "reads,bookings");

    @Test
    void measure() throws Exception {
        var http = new TestHttp(port);
        String admin = http.demoToken("admin", "Admin123!");
        String reception = http.demoToken("reception", "Reception123!");
        JdbcClient owner = TestDatabase.owner(dataSource);
        var fixture = new SchedulingFixture(http, admin, "America/Bogota", 45);
        UUID tenant = owner.sql("SELECT id FROM tenants WHERE slug = 'demo'")
                .query(UUID.class)
                .single();
        ZoneId zone = ZoneId.of("America/Bogota");
        LocalDate tomorrow = LocalDate.now(zone).plusDays(1);

        // 100 patients; 19 more practitioners like the fixture's; 10,000 appointments, 5 a day each for 100 days.
        owner.sql("""
                INSERT INTO customers (id, tenant_id, document_type, document_number, full_name)
                SELECT gen_random_uuid(), :t, 'PA', 'BENCH' || g || upper(substr(md5(random()::text), 1, 6)), 'Paciente ' || g
                FROM generate_series(1, 100) g""").param("t", tenant).update();
        owner.sql("""
                WITH therapists AS (
                    INSERT INTO users (id, tenant_id, username, full_name, password_hash)
                    SELECT gen_random_uuid(), :t, 'bench-' || g || '-' || substr(md5(random()::text), 1, 8), 'Bench ' || g, '-'
                    FROM generate_series(1, 19) g
                    RETURNING id, full_name)
                INSERT INTO scheduling_practitioners (id, tenant_id, user_id, display_name, time_zone)
                SELECT gen_random_uuid(), :t, id, full_name, 'America/Bogota' FROM therapists
                """).param("t", tenant).update();
        owner.sql("""
                WITH ps AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM scheduling_practitioners
                            WHERE tenant_id = :t AND (display_name LIKE 'Bench %' OR id = :p)),
                     cs AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM customers
                            WHERE tenant_id = :t AND document_number LIKE 'BENCH%')
                INSERT INTO scheduling_appointments (id, tenant_id, practitioner_id, customer_id, service_id, starts_at, ends_at, status)
                SELECT gen_random_uuid(), :t, ps.id, cs.id, :s,
                       (CAST(:from AS date) + d + time '08:00') AT TIME ZONE 'America/Bogota' + s * interval '90 minutes',
                       (CAST(:from AS date) + d + time '08:45') AT TIME ZONE 'America/Bogota' + s * interval '90 minutes',
                       'CONFIRMED'
                FROM ps CROSS JOIN generate_series(0, 99) d CROSS JOIN generate_series(0, 4) s
                JOIN cs ON cs.n = (ps.n * 7 + d + s) % 100
                """)
                .param("t", tenant)
                .param("p", fixture.practitioner)
                .param("s", fixture.service)
                .param("from", tomorrow)
                .update();
        owner.sql("ANALYZE").update();
        long total = owner.sql("SELECT count(*) FROM scheduling_appointments WHERE tenant_id = :t")
                .param("t", tenant)
                .query(Long.class)
                .single();

        String availability = "/api/v1/appointments/available?therapist_id=%s&service_id=%s&date_from=%s&date_to=%s"
                .formatted(fixture.practitioner, fixture.service, tomorrow, tomorrow.plusDays(29));
        String agenda = "/api/v1/appointments/therapist/%s?date_from=%s&date_to=%s"
                .formatted(fixture.practitioner, tomorrow, tomorrow.plusDays(6));
        var none = new Figures(0, 0, Double.NaN, Double.NaN, 0);
        Figures slots = none;
        Figures week = none;
        boolean wrk = Wrk.installed();
        if (ONLY.contains("reads")) {
            sequential(reception, availability, WARM_UP);
            sequential(reception, agenda, WARM_UP);
            if (wrk) {
                slots = Wrk.run(port, "bearer-get.lua", 1, 1, READS, availability, reception);
                week = Wrk.run(port, "bearer-get.lua", 1, 1, READS, agenda, reception);
            } else {
                slots = sequential(reception, availability, MEASURED);
                week = sequential(reception, agenda, MEASURED);
            }
        }

        // 32 booking clients, each with its own practitioner open day and night, 15-minute sessions.
        UUID quick = fixture.service(15);
        var practitioners = new ArrayList<UUID>();
        var patients = new ArrayList<UUID>();
        for (int i = 0; i < 32; i++) {
            UUID p = UUID.randomUUID();
            // Real accounts: a booking puts its therapist in the patient's care team, which needs the user.
            owner.sql("WITH therapist AS (INSERT INTO users (id, tenant_id, username, full_name, password_hash) "
                            + "VALUES (gen_random_uuid(), :t, 'load-' || substr(md5(random()::text), 1, 12), :n, '-') RETURNING id) "
                            + "INSERT INTO scheduling_practitioners (id, tenant_id, user_id, display_name, time_zone) "
                            + "SELECT :id, :t, id, :n, 'America/Bogota' FROM therapist")
                    .param("id", p)
                    .param("t", tenant)
                    .param("n", "Carga " + i)
                    .update();
            owner.sql(
                            "INSERT INTO scheduling_practitioner_services (tenant_id, practitioner_id, service_id) VALUES (:t, :p, :s)")
                    .param("t", tenant)
                    .param("p", p)
                    .param("s", quick)
                    .update();
            owner.sql("""
                    INSERT INTO scheduling_weekly_intervals (tenant_id, practitioner_id, day_of_week, kind, start_time, end_time)
                    SELECT :t, :p, d, 'WORK', time '00:00', time '23:45' FROM generate_series(1, 7) d
                    """).param("t", tenant).param("p", p).update();
            practitioners.add(p);
            patients.add(fixture.customer());
        }
        var next = new AtomicLong[32];
        for (int i = 0; i < 32; i++) {
            next[i] = new AtomicLong();
        }
        var start = tomorrow.plusDays(120).atStartOfDay(zone);
        Step book = (client, i) -> {
            long n = next[i].getAndIncrement();
            var when = start.plusMinutes(15 * (n + n / 95)).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            String body = """
                    {"patient_id": "%s", "therapist_id": "%s", "service_id": "%s", "start": "%s"}""".formatted(patients.get(i), practitioners.get(i), quick, when);
            return send(client, "POST", "/api/v1/appointments", reception, body) == 201;
        };
        Figures bookings = none;
        if (ONLY.contains("bookings") && wrk) {
            // Each of the 32 connections books its own practitioner's slots, one after the other.
            var args = new ArrayList<>(List.of(
                    reception, quick.toString(), String.valueOf(start.toEpochSecond()), String.valueOf(WRK_THREADS)));
            for (int i = 0; i < 32; i++) {
                args.add(practitioners.get(i).toString());
                args.add(patients.get(i).toString());
            }
            // The warm-up books the first slots; the measured run starts far beyond them.
            Wrk.run(
                    port,
                    "book-appointments.lua",
                    WRK_THREADS,
                    32,
                    BOOKING_WARM_UP,
                    "/api/v1/appointments",
                    args.toArray(String[]::new));
            args.set(2, String.valueOf(start.plusDays(60).toEpochSecond()));
            bookings = Wrk.run(
                    port,
                    "book-appointments.lua",
                    WRK_THREADS,
                    32,
                    Duration.ofSeconds(15),
                    "/api/v1/appointments",
                    args.toArray(String[]::new));
        } else if (ONLY.contains("bookings")) {
            load(32, BOOKING_WARM_UP, book);
            bookings = load(32, Duration.ofSeconds(15), book);
        }

        System.out.printf(
                """
                ===== Scheduling benchmark (%d cores, %d appointments in the tenant) =====
                availability, 30 days, one therapist: p50 %.1f ms  p99 %.1f ms  (%d requests, errors %d)  target < 20 ms
                agenda, one week, one therapist      : p50 %.1f ms  p99 %.1f ms  (%d requests, errors %d)  target < 10 ms
                bookings, 32 clients                 : %7.0f /s  p50 %.1f ms  p99 %.1f ms  (%d, errors %d)  target >= 300/s
                ==========================================================================
                %n""",
                Runtime.getRuntime().availableProcessors(),
                total,
                slots.p50(),
                slots.p99(),
                slots.count(),
                slots.errors(),
                week.p50(),
                week.p99(),
                week.count(),
                week.errors(),
                bookings.perSecond(),
                bookings.p50(),
                bookings.p99(),
                bookings.count(),
                bookings.errors());
    }

    interface Step {
        boolean run(HttpClient client, int index) throws Exception;
    }

    private Figures sequential(String token, String path, int count) throws Exception {
        var latencies = new ArrayList<Long>();
        long errors = 0;
        try (var client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            for (int i = 0; i < count; i++) {
                long begin = System.nanoTime();
                if (send(client, "GET", path, token, null) == 200) {
                    latencies.add(System.nanoTime() - begin);
                } else {
                    errors++;
                }
            }
        }
        Collections.sort(latencies);
        return new Figures(latencies.size(), 0, percentile(latencies, 0.5), percentile(latencies, 0.99), errors);
    }

    private Figures load(int clients, Duration duration, Step step) throws Exception {
        var latencies = new ConcurrentLinkedQueue<Long>();
        var errors = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        try (var pool = Executors.newFixedThreadPool(clients)) {
            for (int i = 0; i < clients; i++) {
                int index = i;
                pool.submit(() -> {
                    try (var client = HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .build()) {
                        while (System.nanoTime() < end) {
                            long begin = System.nanoTime();
                            try {
                                if (step.run(client, index)) {
                                    latencies.add(System.nanoTime() - begin);
                                } else {
                                    errors.incrementAndGet();
                                }
                            } catch (Exception e) {
                                errors.incrementAndGet();
                            }
                        }
                    }
                });
            }
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new Figures(
                sorted.size(),
                sorted.size() / (double) duration.toSeconds(),
                percentile(sorted, 0.5),
                percentile(sorted, 0.99),
                errors.get());
    }

    private int send(HttpClient client, String method, String path, String token, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return client.send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static double percentile(List<Long> sorted, double p) {
        return sorted.isEmpty()
                ? Double.NaN
                : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size()))) / 1e6;
    }
}
