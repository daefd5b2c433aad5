package io.turno.queueing;

import static io.turno.TestHttp.json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import io.turno.TestDatabase;
import io.turno.TestHttp;
import io.turno.Wrk;
import io.turno.Wrk.Figures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 4's targets, measured, not asserted: {@code ./mvnw -Pbench test -Dtest=QueueingBenchmark}.
 * Tickets issued per second at 64 concurrent clients, calls per second with 20 desks calling and
 * completing, p50/p99 of each, and how long a call takes to reach 200 connected board streams.
 * The load comes from {@code wrk} (Debian package) when installed, else from this JVM; either way
 * it shares the machine's two cores with the server and its database. The server keeps its default
 * pool of 10 connections: with 20, PostgreSQL's processes only switched more (paced desk p50 11.7 ms
 * against 6.1-10.1 ms with 4-10 connections, back to back).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "logging.level.io.turno=WARN")
class QueueingBenchmark {

    @LocalServerPort
    int port;

    @Autowired
    javax.sql.DataSource dataSource;

    static final Duration WARM_UP = Duration.ofSeconds(20);

    static final int TICKETS_TARGET = 1000;

    static final int CALLS_TARGET = 500;

    /** Enough that each waits 32 ms between its requests, far more than one takes. */
    static final int PACED_CLIENTS = 32;

    @Test
    void measure() throws Exception {
        var http = new TestHttp(port);
        String admin = http.demoToken("admin", "Admin123!");
        String reception = http.demoToken("reception", "Reception123!");
        var branch = new QueueFixture(TestDatabase.owner(dataSource), "America/Bogota");
        UUID service = QueueFixture.service(http, admin, "BENCH", 5);
        UUID queueA = branch.queue("A", service);
        UUID queueB = branch.queue("B", service);
        List<UUID> desks = IntStream.range(0, 20)
                .mapToObj(i -> branch.desk("Ventanilla " + i, List.of(queueA, queueB), List.of()))
                .toList();
        String body = "{\"branch_id\": \"%s\", \"service_id\": \"%s\"}".formatted(branch.branch, service);

        Figures issued;
        // Paced load needs wrk; without it these print NaN.
        Figures ticketsAtTarget = new Figures(0, Double.NaN, Double.NaN, Double.NaN, 0);
        Figures calls;
        Figures callsAtTarget = ticketsAtTarget;
        // Unmeasured warm-ups first: a fresh JVM spends its first tens of seconds compiling the hot
        // paths (the C2 compiler alone takes most of a core), which a running server has long done.
        if (Wrk.installed()) {
            wrk("issue-tickets.lua", 2, 64, WARM_UP, "/api/v1/tickets", body, reception);
            issued = wrk("issue-tickets.lua", 2, 64, Duration.ofSeconds(15), "/api/v1/tickets", body, reception);
            // 64 clients that never pause keep the server saturated: their latency is their own queue
            // (64 in flight at 1,300/s wait about 50 ms whatever the code). The latency target is
            // measured where the throughput target is, at 1,000 tickets a second.
            ticketsAtTarget = Wrk.paced(
                    port,
                    "paced-tickets.lua",
                    PACED_CLIENTS,
                    TICKETS_TARGET,
                    Duration.ofSeconds(15),
                    "/api/v1/tickets",
                    body,
                    reception);
            // What autovacuum does within a minute of such growth on a running server: without it the
            // planner still saw the queues as they were before 30,000 tickets came in 35 s, and each
            // call read every waiting ticket of its queue (0.3-1.3 s per call, auto_explain).
            branch.owner.sql("ANALYZE queueing_tickets").update();
            var args = new ArrayList<String>(List.of(reception));
            desks.forEach(desk -> args.add(desk.toString()));
            var unpaced = new ArrayList<String>(List.of("0"));
            unpaced.addAll(args);
            wrk("desks.lua", desks.size(), desks.size(), WARM_UP, "/", unpaced.toArray(String[]::new));
            freeDesks(branch);
            // Each request is a call or a complete: pairs per second are calls per second.
            Figures requests = wrk(
                    "desks.lua",
                    desks.size(),
                    desks.size(),
                    Duration.ofSeconds(15),
                    "/",
                    unpaced.toArray(String[]::new));
            calls = new Figures(
                    requests.count() / 2, requests.perSecond() / 2, requests.p50(), requests.p99(), requests.errors());
            freeDesks(branch);
            Figures paced = Wrk.paced(
                    port,
                    "desks.lua",
                    desks.size(),
                    2 * CALLS_TARGET,
                    Duration.ofSeconds(15),
                    "/",
                    args.toArray(String[]::new));
            callsAtTarget =
                    new Figures(paced.count() / 2, paced.perSecond() / 2, paced.p50(), paced.p99(), paced.errors());
        } else {
            load(64, WARM_UP, (client, i) -> send(client, "/api/v1/tickets", reception, body) == 201);
            issued = load(
                    64, Duration.ofSeconds(15), (client, i) -> send(client, "/api/v1/tickets", reception, body) == 201);
            branch.owner.sql("ANALYZE queueing_tickets").update();
            // Each of the 20 threads is one desk: it calls, then completes what it called.
            calls = load(desks.size(), Duration.ofSeconds(15), (client, i) -> {
                var response = request(client, "/api/v1/desks/" + desks.get(i) + "/call-next", reception, null);
                return response.statusCode() == 200
                        && send(
                                        client,
                                        "/api/v1/tickets/"
                                                + json(response.body())
                                                        .get("id")
                                                        .asString() + "/complete",
                                        reception,
                                        null)
                                == 200;
            });
        }

        UUID screenDesk = branch.desk("Ventanilla de la prueba de pantallas", List.of(queueA, queueB), List.of());
        Duration[] fanOut = boardFanOut(http, reception, branch.branch, screenDesk, 200);

        System.out.printf(
                """

                ===== Queueing benchmark (%d cores) =====
                tickets issued, 64 clients     : %7.0f /s  p50 %.1f ms  p99 %.1f ms  (%d, errors %d)  target >= 1000/s
                tickets at %d/s offered, %d clients: %7.0f /s  p50 %.1f ms  p99 %.1f ms  (%d, errors %d)  target p99 < 50 ms
                calls (call-next + complete), 20 desks: %7.0f /s  p50 %.1f ms  p99 %.1f ms  (%d, errors %d)  target >= 500/s
                calls at %d/s offered, 20 desks  : %7.0f /s  p50 %.1f ms  p99 %.1f ms  (%d, errors %d)  target p99 < 50 ms
                a call reaching 200 board streams: all within %d ms, median %d ms  target < 1 s
                ==========================================
                %n""",
                Runtime.getRuntime().availableProcessors(),
                issued.perSecond(),
                issued.p50(),
                issued.p99(),
                issued.count(),
                issued.errors(),
                TICKETS_TARGET,
                PACED_CLIENTS,
                ticketsAtTarget.perSecond(),
                ticketsAtTarget.p50(),
                ticketsAtTarget.p99(),
                ticketsAtTarget.count(),
                ticketsAtTarget.errors(),
                calls.perSecond(),
                calls.p50(),
                calls.p99(),
                calls.count(),
                calls.errors(),
                CALLS_TARGET,
                callsAtTarget.perSecond(),
                callsAtTarget.p50(),
                callsAtTarget.p99(),
                callsAtTarget.count(),
                callsAtTarget.errors(),
                fanOut[1].toMillis(),
                fanOut[0].toMillis());
    }

    /**
     * wrk stops some desks between a call and its complete (calls still in flight when it stops
     * commit a moment later), and a busy desk refuses to call: their tickets are closed here.
     */
    private static void freeDesks(QueueFixture branch) throws InterruptedException {
        Thread.sleep(2_000);
        branch.owner
                .sql("UPDATE queueing_tickets SET status = 'COMPLETED', finished_at = now() "
                        + "WHERE branch_id = :b AND status IN ('CALLED', 'IN_SERVICE')")
                .param("b", branch.branch)
                .update();
    }

    private Figures wrk(String script, int threads, int connections, Duration duration, String path, String... args)
            throws Exception {
        return Wrk.run(port, script, threads, connections, duration, path, args);
    }

    interface Step {
        boolean run(HttpClient client, int index) throws Exception;
    }

    /** {@code clients} loops for {@code duration}, each with its own keep-alive connection, one thread per desk. */
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
                            long start = System.nanoTime();
                            try {
                                if (step.run(client, index)) {
                                    latencies.add(System.nanoTime() - start);
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

    /** Median and slowest time from a call's answer to its board update on each of {@code streams} streams. */
    private Duration[] boardFanOut(TestHttp http, String token, UUID branch, UUID desk, int streams) throws Exception {
        var client = HttpClient.newHttpClient();
        var connected = new CountDownLatch(streams);
        var updated = new CountDownLatch(streams);
        var arrivals = new ConcurrentLinkedQueue<Long>();
        var calledAt = new AtomicLong();
        var request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/branches/" + branch + "/board/stream"))
                .header("Authorization", "Bearer " + token)
                .build();
        for (int i = 0; i < streams; i++) {
            client.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> {
                var first = new java.util.concurrent.atomic.AtomicBoolean(true);
                var measured = new java.util.concurrent.atomic.AtomicBoolean();
                response.body().filter(line -> line.startsWith("data:")).forEach(line -> {
                    if (first.getAndSet(false)) {
                        connected.countDown();
                    } else if (calledAt.get() > 0 && !measured.getAndSet(true)) {
                        arrivals.add(System.nanoTime() - calledAt.get());
                        updated.countDown();
                    }
                });
            });
        }
        connected.await(60, TimeUnit.SECONDS);
        Thread.sleep(1000);
        calledAt.set(System.nanoTime());
        var called = http.call("POST", "/api/v1/desks/" + desk + "/call-next", token, null);
        updated.await(10, TimeUnit.SECONDS);
        List<Long> sorted = new ArrayList<>(arrivals);
        Collections.sort(sorted);
        client.shutdownNow();
        if (called.statusCode() != 200 || sorted.size() < streams) {
            System.out.printf(
                    "board fan-out: call answered %d, %d of %d streams updated%n",
                    called.statusCode(), sorted.size(), streams);
        }
        return new Duration[] {
            Duration.ofNanos((long) (percentile(sorted, 0.5) * 1_000_000)),
            Duration.ofNanos(sorted.isEmpty() ? 0 : sorted.getLast())
        };
    }

    private int send(HttpClient client, String path, String token, String body) throws Exception {
        return request(client, path, token, body).statusCode();
    }

    private HttpResponse<String> request(HttpClient client, String path, String token, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return client.send(
                request.POST(
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static double percentile(List<Long> sorted, double p) {
        return sorted.isEmpty()
                ? Double.NaN
                : sorted.get((int) Math.min(sorted.size() - 1, Math.round(p * (sorted.size() - 1)))) / 1_000_000.0;
    }
}
