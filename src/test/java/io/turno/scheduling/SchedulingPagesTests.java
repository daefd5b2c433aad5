package io.turno.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.Locale;
import java.util.UUID;

import io.turno.PageSession;
import io.turno.TestDatabase;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import io.turno.customers.Customers;
import io.turno.shared.Formats;
import io.turno.shared.TenantId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A patient books, sees and cancels their own appointment on the self-service pages; nobody else's. */
@TurnoTest
class SchedulingPagesTests {

    @LocalServerPort
    int port;

    @Autowired
    Customers registry;

    JdbcClient owner;

    @Autowired
    void ownerConnection(javax.sql.DataSource dataSource) {
        owner = TestDatabase.owner(dataSource);
    }

    @Test
    void aPatientBooksSeesAndCancelsTheirOwnAppointment() {
        var http = new TestHttp(port);
        String admin = http.demoToken("admin", "Admin123!");
        var f = new SchedulingFixture(http, admin, "America/Bogota", 30);
        var demo = new TenantId(owner.sql("SELECT id FROM tenants WHERE slug = 'demo'")
                .query(UUID.class)
                .single());
        UUID customer = f.customer();
        String username = "pp-" + UUID.randomUUID().toString().substring(0, 8);
        UUID user = f.user(username, "PATIENT");
        io.turno.shared.TenantScope.run(demo, () -> registry.linkUser(demo, customer, user, null));
        var day = f.day(3);

        var patient = PageSession.signIn(http, "demo", username, SchedulingFixture.PASSWORD);
        var form = patient.get("/appointments/new?therapist=" + f.practitioner + "&date=" + day);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains(f.at(day, "08:00")).doesNotContain("documentNumber");

        var booked = patient.submit(
                "/appointments/new",
                "therapist",
                f.practitioner.toString(),
                "service",
                f.service.toString(),
                "start",
                f.at(day, "08:30"));
        assertThat(booked.body()).contains("Cita reservada a las 08:30").contains("Solicitada");
        String id = owner.sql("SELECT id FROM scheduling_appointments WHERE customer_id = :c")
                .param("c", customer)
                .query(String.class)
                .single();

        var mine = patient.get("/my-appointments");
        assertThat(mine.body())
                .contains("/appointments/" + id)
                .contains(Formats.of(Locale.of("es"), ZoneId.of("America/Bogota"), "COP")
                                .date(day) + " 08:30");
        // The agenda is the staff's: a patient lands on their own appointments.
        assertThat(PageSession.location(patient.get("/agenda"))).endsWith("/my-appointments");

        // A refused booking comes back as the form, with the reason and what was typed.
        var taken = patient.post(
                "/appointments/new",
                "therapist",
                f.practitioner.toString(),
                "service",
                f.service.toString(),
                "start",
                f.at(day, "08:30"),
                "notes",
                "Segunda vez");
        assertThat(taken.statusCode()).isEqualTo(200);
        assertThat(taken.body()).contains("ya tiene una cita en ese horario", ">Segunda vez</textarea>");

        var cancelled = patient.submit("/appointments/" + id + "/cancel", "reason", "Viaje");
        assertThat(cancelled.body())
                .contains("Cita cancelada.")
                .contains("Cancelada")
                .contains("Viaje");

        // Someone else's appointment is not there at all.
        String other = owner.sql("""
                INSERT INTO scheduling_appointments (id, tenant_id, practitioner_id, customer_id, service_id, starts_at, ends_at, status)
                VALUES (gen_random_uuid(), :t, :p, :c, :s, now() + interval '30 days', now() + interval '30 days 30 minutes', 'REQUESTED')
                RETURNING id""")
                .param("t", demo.value())
                .param("p", f.practitioner)
                .param("c", f.customer())
                .param("s", f.service)
                .query(String.class)
                .single();
        assertThat(patient.get("/appointments/" + other).statusCode()).isEqualTo(404);
        assertThat(patient.post("/appointments/" + other + "/cancel", "reason", "x")
                        .statusCode())
                .isEqualTo(404);
        assertThat(owner.sql("SELECT status FROM scheduling_appointments WHERE id = CAST(:id AS uuid)")
                        .param("id", other)
                        .query(String.class)
                        .single())
                .isEqualTo("REQUESTED");
        http.call("POST", "/api/v1/auth/logout", admin, null);
    }

    @Test
    void receptionCancelsFromTheAgendaWithAReasonAndARefusedReasonComesBackAsTyped() {
        var http = new TestHttp(port);
        String admin = http.demoToken("admin", "Admin123!");
        var f = new SchedulingFixture(http, admin, "America/Bogota", 30);
        var day = f.day(6);
        UUID id = f.bookAppointment(admin, f.customer(), 6, "09:00");
        UUID started = f.bookAppointment(admin, f.customer(), 6, "10:00");
        owner.sql("UPDATE scheduling_appointments SET status = 'IN_PROGRESS' WHERE id = :id")
                .param("id", started)
                .update();
        var reception = PageSession.signIn(http, "demo", "reception", "Reception123!");

        var agenda = reception.get("/agenda?therapist=" + f.practitioner + "&date=" + day);
        assertThat(agenda.body())
                .contains("/appointments/" + id + "#cancel-form")
                .contains("/appointments/" + id + "/reschedule")
                .doesNotContain("/appointments/" + started + "#cancel-form")
                .doesNotContain("/appointments/" + started + "/reschedule");

        String tooLong = "Paciente avisó por teléfono " + "x".repeat(480);
        var refused = reception.post("/appointments/" + id + "/cancel", "reason", tooLong);
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body())
                .contains("id=\"reason-error\"")
                .contains("error-summary")
                .contains("x".repeat(480) + "\"");
        assertThat(status(id)).isEqualTo("REQUESTED");

        // A session already under way cannot be cancelled: said on its page, nothing changes.
        var late = reception.post("/appointments/" + started + "/cancel", "reason", "Tarde");
        assertThat(late.statusCode()).isEqualTo(200);
        assertThat(late.body()).contains("class=\"alert error\"");
        assertThat(status(started)).isEqualTo("IN_PROGRESS");

        var cancelled = reception.submit("/appointments/" + id + "/cancel", "reason", "Paciente avisó");
        assertThat(cancelled.body()).contains("Cita cancelada.").contains("Paciente avisó");
        assertThat(status(id)).isEqualTo("CANCELLED");
        http.call("POST", "/api/v1/auth/logout", admin, null);
    }

    private String status(UUID appointment) {
        return owner.sql("SELECT status FROM scheduling_appointments WHERE id = :id")
                .param("id", appointment)
                .query(String.class)
                .single();
    }
}
