package io.turno;

import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.turno.PackagedJar.Ports;
import io.turno.scheduling.SchedulingFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged application on its own embedded PostgreSQL takes bookings and payments from several
 * clients; in the middle of that, the JVM and its PostgreSQL are killed together with SIGKILL, as a
 * container or cgroup kill does. Started again on the same data directory, it has every booking and
 * payment it had answered 201. (With {@code synchronous_commit=off} a commit is acknowledged before
 * its WAL is written, and a killed server loses it.)
 */
@AlongsideTheSuite
class BookingsAndPaymentsCrashIT {

    static final int CLIENTS = 4;

    static final int ACKNOWLEDGED_BEFORE_KILL = 80;

    /** 15-minute slots from 08:00 to 17:00 but for 12:00–13:00: 32 a day. */
    static final int SLOTS_A_DAY = 32;

    @TempDir
    Path dataDir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (Process process : started) {
            if (process.isAlive()) {
                process.destroy();
                process.waitFor(60, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void everyAcknowledgedBookingAndPaymentSurvivesAKillOfJvmAndDatabase() throws Exception {
        long began = System.nanoTime();
        Ports ports = Ports.free();
        int httpPort = ports.http();
        int dbPort = ports.database();
        Process first = start(ports, "first.log");
        System.out.printf("Started, %d s in%n", since(began));
        var http = new TestHttp(httpPort);
        String admin = http.demoToken("admin", "Admin123!");
        String reception = http.demoToken("reception", "Reception123!");
        var fixture = new SchedulingFixture(http, admin, "America/Bogota", 15);
        List<UUID> customers = Stream.generate(fixture::customer).limit(CLIENTS).toList();

        Set<UUID> bookings = ConcurrentHashMap.newKeySet();
        Set<UUID> payments = ConcurrentHashMap.newKeySet();
        var refused = new AtomicInteger();
        List<Thread> clients = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            int self = client;
            clients.add(Thread.ofVirtual().start(() -> {
                // Each client its own days, so no two ask for one slot.
                for (int slot = 0; ; slot++) {
                    int day = 1 + self + CLIENTS * (slot / SLOTS_A_DAY);
                    int minutes = 15 * (slot % SLOTS_A_DAY);
                    String time = "%02d:%02d".formatted(8 + minutes / 60 + (minutes >= 240 ? 1 : 0), minutes % 60);
                    UUID customer = customers.get(self);
                    try {
                        var booked = http.call(
                                "POST",
                                "/api/v1/appointments",
                                admin,
                                fixture.book(admin, customer, fixture.at(fixture.day(day), time)));
                        if (booked.statusCode() != 201) {
                            refused.incrementAndGet();
                            continue;
                        }
                        UUID appointment =
                                UUID.fromString(json(booked).get("id").asString());
                        bookings.add(appointment);
                        var paid =
                                http.call("POST", "/api/v1/payments", reception, """
                                {"customer_id": "%s", "appointment_id": "%s", "method": "CASH", "amount": "45000.00",
                                 "concept": "Terapia"}""".formatted(customer, appointment));
                        if (paid.statusCode() == 201) {
                            payments.add(UUID.fromString(json(paid).get("id").asString()));
                        } else {
                            refused.incrementAndGet();
                        }
                    } catch (IllegalStateException connectionLost) {
                        return; // the server was killed
                    }
                }
            }));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> payments.size() >= ACKNOWLEDGED_BEFORE_KILL);
        PackagedJar.killTogether(first, dataDir);
        for (Thread client : clients) {
            assertThat(client.join(Duration.ofSeconds(60))).isTrue();
        }
        System.out.printf(
                "Killed JVM and PostgreSQL with %d bookings and %d payments acknowledged (%d refused), %d s in%n",
                bookings.size(), payments.size(), refused.get(), since(began));
        assertThat(refused.get())
                .as("no request refused before the kill but those it interrupted")
                .isLessThanOrEqualTo(CLIENTS);

        start(ports, "second.log");
        System.out.printf("Restarted on the same data directory, %d s in%n", since(began));
        try (Connection db =
                DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + dbPort + "/postgres", "postgres", "")) {
            assertThat(existing(db, "scheduling_appointments", bookings))
                    .as("acknowledged bookings after the restart")
                    .isEqualTo(bookings.size());
            assertThat(existing(db, "billing_payments", payments))
                    .as("acknowledged payments after the restart")
                    .isEqualTo(payments.size());
        }
    }

    private static long since(long began) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began);
    }

    private static long existing(Connection db, String table, Set<UUID> ids) throws Exception {
        try (var query = db.prepareStatement("SELECT count(*) FROM " + table + " WHERE id = ANY (?)")) {
            query.setArray(1, db.createArrayOf("uuid", ids.toArray()));
            var rows = query.executeQuery();
            rows.next();
            return rows.getLong(1);
        }
    }

    private Process start(Ports ports, String logName) throws Exception {
        Process process = PackagedJar.start(
                dataDir,
                ports,
                dataDir.resolve(logName),
                Duration.ofSeconds(120),
                "--turno.identity.rate-limit.enabled=false");
        started.add(process);
        return process;
    }
}
