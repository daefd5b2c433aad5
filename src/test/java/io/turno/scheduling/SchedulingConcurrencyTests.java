package io.turno.scheduling;

import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

import io.turno.TestDatabase;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The database, not the application, keeps a practitioner from being booked twice: fifty requests at
 * once for overlapping times of one therapist, on one instance or spread over two sharing the
 * database, give exactly one appointment and forty-nine 409 CONFLICT.
 */
@TurnoTest
class SchedulingConcurrencyTests {

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    JdbcClient owner;
    TestHttp http;
    String admin;
    String reception;
    SchedulingFixture fixture;

    @BeforeEach
    void signIn() {
        owner = TestDatabase.owner(dataSource);
        http = new TestHttp(port);
        admin = http.demoToken("admin", "Admin123!");
        reception = http.demoToken("reception", "Reception123!");
        fixture = new SchedulingFixture(http, admin, "America/Bogota", 60);
    }

    @AfterEach
    void signOut() {
        for (String token : List.of(admin, reception)) {
            http.call("POST", "/api/v1/auth/logout", token, null);
        }
    }

    @Test
    void fiftyConcurrentBookingsOfOverlappingTimesGiveOneAppointment() throws Exception {
        assertExactlyOneBooked(List.of(http), fixture.day(3));
    }

    @Test
    void fiftyConcurrentBookingsOnTwoInstancesGiveOneAppointment() throws Exception {
        ConfigurableApplicationContext second = TestDatabase.secondInstance(dataSource);
        var other = new TestHttp(Integer.parseInt(second.getEnvironment().getRequiredProperty("local.server.port")));
        assertExactlyOneBooked(List.of(http, other), fixture.day(4));
    }

    private void assertExactlyOneBooked(List<TestHttp> instances, LocalDate day) throws Exception {
        var patients = new ArrayList<UUID>();
        for (int i = 0; i < 50; i++) {
            patients.add(fixture.customer());
        }
        // Starts from 09:00 to 09:49: every pair of these hour-long sessions overlaps.
        var start = new CountDownLatch(1);
        var tasks = new ArrayList<Callable<Integer>>();
        for (int i = 0; i < 50; i++) {
            int index = i;
            tasks.add(() -> {
                start.await();
                var response = instances
                        .get(index % instances.size())
                        .call(
                                "POST",
                                "/api/v1/appointments",
                                reception,
                                fixture.book(
                                        reception, patients.get(index), fixture.at(day, "09:%02d".formatted(index))));
                if (response.statusCode() == 409) {
                    assertThat(json(response).get("code").asString()).isEqualTo("CONFLICT");
                    assertThat(json(response).get("detail").asString()).contains("ya tiene una cita");
                }
                return response.statusCode();
            });
        }
        var statuses = new ArrayList<Integer>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = tasks.stream().map(executor::submit).toList();
            start.countDown();
            for (Future<Integer> result : futures) {
                statuses.add(result.get());
            }
        }
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(49);
        assertThat(owner.sql("""
                SELECT count(*) FROM scheduling_appointments WHERE practitioner_id = :p AND status <> 'CANCELLED'""")
                        .param("p", fixture.practitioner)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }
}
