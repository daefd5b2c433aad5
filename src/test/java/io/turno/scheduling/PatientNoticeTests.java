package io.turno.scheduling;

import static io.turno.TestHttp.assertProblem;
import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.turno.SignedIn;
import io.turno.TestDatabase;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A patient moves or cancels their own appointment only until the organization's notice (24 h by default). */
@TurnoTest
class PatientNoticeTests {

    @LocalServerPort
    int port;

    @RegisterExtension
    final SignedIn signedIn = new SignedIn();

    JdbcClient owner;
    TestHttp http;
    SchedulingFixture scheduling;
    UUID demoPatient;

    @Autowired
    void ownerConnection(javax.sql.DataSource dataSource) {
        owner = TestDatabase.owner(dataSource);
    }

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
        scheduling = new SchedulingFixture(http, signedIn.demo("admin", "Admin123!"), "America/Bogota", 45);
        demoPatient = owner.sql("""
                        SELECT c.id FROM customers c JOIN users u ON u.id = c.user_id
                        WHERE u.username = 'patient' AND u.tenant_id = c.tenant_id
                          AND c.tenant_id = (SELECT id FROM tenants WHERE slug = 'demo')""").query(UUID.class).single();
    }

    @AfterEach
    void signOut() {
        scheduling.signOut();
    }

    @Test
    void closerThanTheNoticeThePatientIsToldToCallAndStaffStillCancel() {
        // The practitioner works every day, so the first free time from now is less than 24 h away.
        var free = json(http.call(
                "GET",
                "/api/v1/appointments/available?therapist_id=%s&service_id=%s&date_from=%s&date_to=%s"
                        .formatted(scheduling.practitioner, scheduling.service, scheduling.day(0), scheduling.day(1)),
                scheduling.admin,
                null));
        String soon = free.get("slots").get(0).get("start").asString();
        var booked = http.call(
                "POST", "/api/v1/appointments", scheduling.admin, scheduling.book(scheduling.admin, demoPatient, soon));
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
        String id = json(booked).get("id").asString();
        String patient = signedIn.demo("patient", "Patient123!");

        var refused = assertProblem(
                http.call("DELETE", "/api/v1/appointments/" + id, patient, null), 422, "BUSINESS_RULE_VIOLATION");
        assertThat(refused.get("detail").asString()).contains("24 h").contains("recepción");
        assertProblem(
                http.call("PUT", "/api/v1/appointments/" + id, patient, """
                        {"start": "%s"}""".formatted(
                                scheduling.at(scheduling.day(5), "09:00"))),
                422,
                "BUSINESS_RULE_VIOLATION");

        var cancelled = http.call("DELETE", "/api/v1/appointments/" + id, scheduling.admin, null);
        assertThat(json(cancelled).get("status").asString())
                .as("staff are not held")
                .isEqualTo("CANCELLED");
    }

    @Test
    void beforeTheNoticeThePatientMovesAndCancelsTheirOwn() {
        UUID id = scheduling.bookAppointment(scheduling.admin, demoPatient, 4, "09:00");
        String patient = signedIn.demo("patient", "Patient123!");
        var moved = http.call(
                "PUT", "/api/v1/appointments/" + id, patient, """
                {"start": "%s"}""".formatted(scheduling.at(scheduling.day(4), "10:00")));
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        var cancelled = http.call("DELETE", "/api/v1/appointments/" + id, patient, null);
        assertThat(json(cancelled).get("status").asString()).isEqualTo("CANCELLED");
    }
}
