package io.turno.notifications;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.turno.Inbox;
import io.turno.TestDatabase;
import io.turno.TestHttp;
import io.turno.TestServers;
import io.turno.TurnoTest;
import io.turno.notifications.internal.AppointmentMessages;
import io.turno.notifications.internal.Dispatcher;
import io.turno.scheduling.SchedulingFixture;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The patient's messages about appointments, from scheduling's events to a real SMTP server
 * (GreenMail): a paid reservation's confirmation (card provider in WireMock), a cancellation, and
 * the 24-hour reminder, once per appointment however often its job runs.
 */
@TurnoTest
class AppointmentMessagesTests {

    static GreenMail smtp = TestServers.startSmtp();
    static WireMockServer provider = TestServers.cardGateway();

    @AfterAll
    static void stop() {
        smtp.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    AppointmentMessages messages;

    JdbcClient owner;
    TestHttp http;
    String admin;
    String reception;
    SchedulingFixture scheduling;

    @Autowired
    void ownerConnection(javax.sql.DataSource dataSource) {
        owner = TestDatabase.owner(dataSource);
    }

    Inbox inbox;

    @BeforeEach
    void setUp() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
        inbox = new Inbox(smtp, dispatcher, owner);
        http = new TestHttp(port);
        admin = http.demoToken("admin", "Admin123!");
        reception = http.demoToken("reception", "Reception123!");
        scheduling = new SchedulingFixture(http, admin, "America/Bogota", 45);
        provider.resetAll();
        provider.stubFor(post(urlEqualTo("/v1/charges"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"id\": \"ch_ok\", \"status\": \"approved\"}")));
    }

    @AfterEach
    void signOut() {
        scheduling.signOut();
        for (String token : List.of(admin, reception)) {
            http.call("POST", "/api/v1/auth/logout", token, null);
        }
    }

    @Test
    void aPaidReservationIsConfirmedAndItsConfirmationEmailArrives() throws Exception {
        String email = "paciente-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        UUID patient = customer(email);
        var reserved = http.call("POST", "/api/v1/reservations", reception, """
                {"patient_id": "%s", "therapist_id": "%s", "service_id": "%s", "start": "%s", "card_token": "tok_visa"}""".formatted(
                patient, scheduling.practitioner, scheduling.service, scheduling.at(scheduling.day(3), "09:00")));
        assertThat(reserved.statusCode()).as(reserved.body()).isEqualTo(201);
        assertThat(json(reserved).get("appointment").get("status").asString()).isEqualTo("CONFIRMED");

        MimeMessage mail = inbox.receive(email, "APPOINTMENT_CONFIRMATION");
        assertThat(mail.getSubject()).isEqualTo("Cita confirmada");
        assertThat(GreenMailUtil.getBody(mail))
                .contains("Terapia")
                .contains(scheduling.day(3).toString())
                .contains("09:00");
    }

    @Test
    void aCancellationIsAnnouncedAndEachAppointmentIsRemindedOnce() throws Exception {
        String email = "paciente-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        UUID patient = customer(email);
        UUID booked = scheduling.bookAppointment(reception, patient, 4, "10:00");
        var cancelled = http.call("DELETE", "/api/v1/appointments/" + booked + "?reason=viaje", reception, null);
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(inbox.receive(email, "APPOINTMENT_CANCELLED").getSubject()).isEqualTo("Cita cancelada");

        // Booked two days ago for tomorrow morning: due for its reminder.
        UUID tomorrow = UUID.randomUUID();
        owner.sql("""
                INSERT INTO scheduling_appointments (id, tenant_id, practitioner_id, customer_id, service_id, starts_at,
                                                     ends_at, status, created_at)
                SELECT :id, p.tenant_id, p.id, :c, :s, now() + interval '20 hours', now() + interval '20 hours 45 minutes',
                       'CONFIRMED', now() - interval '2 days'
                FROM scheduling_practitioners p WHERE p.id = :p
                """)
                .param("id", tomorrow)
                .param("c", patient)
                .param("s", scheduling.service)
                .param("p", scheduling.practitioner)
                .update();
        messages.remind();
        messages.remind();
        assertThat(owner.sql("""
                SELECT count(*) FROM notifications WHERE recipient_email = :e AND template_code = 'APPOINTMENT_REMINDER'""").param("e", email).query(Long.class).single())
                .as("one reminder per appointment")
                .isOne();
        assertThat(inbox.receive(email, "APPOINTMENT_REMINDER").getSubject()).isEqualTo("Recordatorio de su cita");
    }

    @Test
    void aPatientWhoReadsEnglishIsToldInEnglish() throws Exception {
        String email = "patient-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        UUID patient = customer(email, "en");
        UUID booked = scheduling.bookAppointment(reception, patient, 5, "10:00");
        assertThat(inbox.receive(email, "APPOINTMENT_CONFIRMATION").getSubject())
                .isEqualTo("Appointment confirmed");
        var cancelled = http.call("DELETE", "/api/v1/appointments/" + booked + "?reason=trip", reception, null);
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(inbox.receive(email, "APPOINTMENT_CANCELLED").getSubject()).isEqualTo("Appointment cancelled");
    }

    private UUID customer(String email) {
        return customer(email, "es");
    }

    private UUID customer(String email, String language) {
        String number = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));
        var created = http.call("POST", "/api/v1/customers", admin, """
                {"document_type": "CC", "document_number": "%s", "full_name": "Paciente %s", "email": "%s", "language": "%s"}""".formatted(number, number, email, language));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return UUID.fromString(json(created).get("id").asString());
    }
}
