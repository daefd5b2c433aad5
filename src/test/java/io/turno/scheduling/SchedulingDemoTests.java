package io.turno.scheduling;

import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.turno.TestDatabase;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The demo's therapist gives TERAPIA on weekdays, and its patient books and cancels their own appointment. */
@TurnoTest
class SchedulingDemoTests {

    @LocalServerPort
    int port;

    @Autowired
    List<ApplicationRunner> runners;

    JdbcClient owner;

    @Autowired
    void ownerConnection(javax.sql.DataSource dataSource) {
        owner = TestDatabase.owner(dataSource);
    }

    @Test
    void theDemoPatientBooksTheDemoTherapistOnAWeekday() throws Exception {
        // Loading again changes nothing.
        for (ApplicationRunner runner : runners) {
            runner.run(new DefaultApplicationArguments());
        }
        assertThat(owner.sql("""
                SELECT count(*) FROM scheduling_practitioners p JOIN users u ON u.id = p.user_id
                WHERE u.username = 'therapist'""").query(Long.class).single()).isEqualTo(1);

        var http = new TestHttp(port);
        String patient = http.demoToken("patient", "Patient123!");
        try {
            String id = owner.sql("""
                    SELECT p.id FROM scheduling_practitioners p JOIN users u ON u.id = p.user_id
                    WHERE u.username = 'therapist'""").query(String.class).single();
            var therapist = json(http.call("GET", "/api/v1/practitioners/" + id, patient, null));
            String service = therapist.get("service_ids").get(0).asString();
            assertThat(owner.sql("SELECT code FROM catalog_services WHERE id = CAST(:id AS uuid)")
                            .param("id", service)
                            .query(String.class)
                            .single())
                    .isEqualTo("TERAPIA");
            ZoneId zone = ZoneId.of("America/Bogota");
            LocalDate day = LocalDate.now(zone).plusDays(7);
            while (day.getDayOfWeek() != DayOfWeek.WEDNESDAY) {
                day = day.plusDays(1);
            }
            var slots = json(http.call(
                            "GET",
                            "/api/v1/appointments/available?therapist_id=%s&service_id=%s&date_from=%s"
                                    .formatted(therapist.get("id").asString(), service, day),
                            patient,
                            null))
                    .get("slots");
            assertThat(slots.get(0).get("start").asString())
                    .isEqualTo(
                            day.atTime(LocalTime.of(8, 0)).atZone(zone).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            assertThat(slots.valueStream().map(s -> s.get("start").asString())).noneMatch(s -> s.contains("T12:"));
            var booked = http.call("POST", "/api/v1/appointments", patient, """
                    {"therapist_id": "%s", "service_id": "%s", "start": "%s"}""".formatted(
                            therapist.get("id").asString(),
                            service,
                            slots.get(3).get("start").asString()));
            assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
            var cancelled = http.call(
                    "DELETE", "/api/v1/appointments/" + json(booked).get("id").asString(), patient, null);
            assertThat(json(cancelled).get("status").asString()).isEqualTo("CANCELLED");
        } finally {
            http.call("POST", "/api/v1/auth/logout", patient, null);
        }
    }
}
