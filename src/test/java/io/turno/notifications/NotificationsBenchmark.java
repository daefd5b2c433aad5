package io.turno.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.turno.TestDatabase;
import io.turno.TestHttp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Dispatch throughput and latency on this machine, with the dispatch worker on as in production:
 * emails to a local SMTP server (GreenMail) and WhatsApp messages to a local stub of the Cloud API.
 * Notifications are queued straight into the outbox table (the dispatcher is what is measured):
 * first a burst (messages per second while draining it), then a steady stream at the target rate
 * (p50/p99 from creation to SENT). Run with {@code ./mvnw -Pbench test -Dtest=NotificationsBenchmark}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "logging.level.io.turno=WARN", "spring.datasource.hikari.maximum-pool-size=20",
            "turno.notifications.worker.enabled=true", "turno.notifications.worker.every=PT0.02S",
            "turno.notifications.batch-size=100", "turno.notifications.worker.concurrency=4"
        })
class NotificationsBenchmark {

    static final int WARM_UP = 1000;
    static final int SMTP_PORT = freePort();
    static final GreenMail SMTP = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    static {
        SMTP.start();
    }

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Test
    void emailsAndWhatsAppMessagesPerSecond() throws Exception {
        JdbcClient owner = TestDatabase.owner(dataSource);
        var http = new TestHttp(port);
        String admin = http.demoToken("admin", "Admin123!");
        var stubbed = new AtomicLong();
        HttpServer stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        stub.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        stub.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] answer = ("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid."
                            + stubbed.incrementAndGet() + "\"}]}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        stub.start();
        var provider = http.call("POST", "/api/v1/notification-providers", admin, """
                {"channel": "WHATSAPP", "kind": "WHATSAPP_CLOUD", "name": "Stub", "priority": 1,
                 "settings": {"base_url": "http://127.0.0.1:%d", "phone_number_id": "1"},
                 "secrets": {"access_token": "t"}}""".formatted(
                        stub.getAddress().getPort()));
        assertThat(provider.statusCode()).as(provider.body()).isEqualTo(201);
        String tenant = owner.sql("SELECT id::text FROM tenants WHERE slug = 'demo'")
                .query(String.class)
                .single();
        try {
            var runs = new LinkedHashMap<String, int[]>();
            runs.put("EMAIL", new int[] {3000, 500});
            runs.put("WHATSAPP", new int[] {5000, 1000});
            for (var run : runs.entrySet()) {
                // Unmeasured warm-up (JIT, connection pools, provider caches) right before each channel's measured
                // runs: after a longer pause, as long as the JDK's HTTP keep-alive (30 s in the client and in the
                // stub alike), the first requests would race the stub closing the connections they reuse.
                String warm = "w" + System.nanoTime();
                queue(owner, tenant, run.getKey(), warm, WARM_UP);
                await(owner, warm, WARM_UP);
                measure(owner, tenant, run.getKey(), run.getValue()[0], run.getValue()[1]);
            }
            // Exactly once: every email the database holds as SENT arrived, and none arrived twice.
            var received = new java.util.ArrayList<String>();
            for (var message : SMTP.getReceivedMessages()) {
                received.add(message.getMessageID());
            }
            var sent = owner.sql("SELECT message_id FROM notifications WHERE channel = 'EMAIL' AND status = 'SENT'"
                            + " AND recipient_email LIKE 'bench%@example.com'")
                    .query(String.class)
                    .list();
            java.util.Collections.sort(received);
            java.util.Collections.sort(sent);
            assertThat(received)
                    .hasSize(WARM_UP + 3000 + 500 * 10)
                    .doesNotHaveDuplicates()
                    .isEqualTo(sent);
            assertThat(stubbed.get()).isEqualTo(WARM_UP + 5000 + 1000 * 10);
        } finally {
            stub.stop(0);
            SMTP.stop();
        }
    }

    private void measure(JdbcClient owner, String tenant, String channel, int burst, int rate) throws Exception {
        String batch = "b" + System.nanoTime();
        queue(owner, tenant, channel, batch, burst);
        await(owner, batch, burst);
        // From the first row queued to the last one SENT, by the database's clock: the poll's pace does not count.
        double seconds =
                owner.sql("""
                SELECT EXTRACT(EPOCH FROM max(sent_at) - min(created_at)) FROM notifications WHERE recipient_name = :batch
                """).param("batch", batch).query(Double.class).single();
        System.out.printf("%n%s burst: %d dispatched in %.2f s = %.0f /s%n", channel, burst, seconds, burst / seconds);
        retried(owner, batch);

        String steady = "s" + System.nanoTime();
        int perTick = rate / 10;
        long t0 = System.nanoTime();
        for (int tick = 0; tick < 100; tick++) {
            long due = t0 + tick * 100_000_000L;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            queue(owner, tenant, channel, steady, perTick);
        }
        await(owner, steady, perTick * 100);
        retried(owner, steady);
        var latency = owner.sql("""
                SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM sent_at - created_at)) * 1000 AS p50,
                       percentile_cont(0.99) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM sent_at - created_at)) * 1000 AS p99,
                       count(*) AS sent
                FROM notifications WHERE recipient_name = :batch""").param("batch", steady).query().singleRow();
        System.out.printf(
                "%s steady at %d /s for 10 s: %s sent, creation→SENT p50 %.0f ms, p99 %.0f ms%n%n",
                channel,
                rate,
                latency.get("sent"),
                ((Number) latency.get("p50")).doubleValue(),
                ((Number) latency.get("p99")).doubleValue());
    }

    /** Attempts that did not succeed (each retried after its backoff, which stretches the measured time). */
    private static void retried(JdbcClient owner, String batch) {
        owner.sql("""
                SELECT a.error, count(*) AS n FROM notification_attempts a JOIN notifications n ON n.id = a.notification_id
                WHERE n.recipient_name = :batch AND a.outcome <> 'SENT' GROUP BY a.error
                """)
                .param("batch", batch)
                .query()
                .listOfRows()
                .forEach(row -> System.out.printf("  retried: %s × %s%n", row.get("n"), row.get("error")));
    }

    private static void queue(JdbcClient owner, String tenant, String channel, String batch, int count) {
        owner.sql("""
                INSERT INTO notifications (id, tenant_id, channel, recipient_name, recipient_email, recipient_phone,
                                           subject, body, send_at, next_attempt_at, message_id, created_at, updated_at)
                SELECT g.id, CAST(:tenant AS uuid), :channel, :batch, 'bench' || g.n || '@example.com', '+57300' || g.n,
                       'Aviso', 'Mensaje de prueba ' || g.n, clock_timestamp(), clock_timestamp(), '<' || g.id || '@turno>',
                       clock_timestamp(), clock_timestamp()
                FROM (SELECT gen_random_uuid() AS id, n FROM generate_series(1, :count) AS n) g
                """)
                .param("tenant", tenant)
                .param("channel", channel)
                .param("batch", batch)
                .param("count", count)
                .update();
    }

    private static void await(JdbcClient owner, String batch, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 300_000;
        while (System.currentTimeMillis() < deadline
                && owner.sql("SELECT count(*) FROM notifications WHERE recipient_name = :batch AND status = 'SENT'")
                                .param("batch", batch)
                                .query(Long.class)
                                .single()
                        < count) {
            Thread.sleep(200); // each look scans the table: looking often would slow down what it measures
        }
        long failed = owner.sql("SELECT count(*) FROM notifications WHERE recipient_name = :batch AND status <> 'SENT'")
                .param("batch", batch)
                .query(Long.class)
                .single();
        assertThat(failed).as("not SENT in " + batch).isZero();
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
