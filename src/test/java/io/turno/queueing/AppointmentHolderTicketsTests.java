package io.turno.queueing;

import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import io.turno.TestDatabase;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import io.turno.scheduling.SchedulingFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The queue link of issue 6: a customer with an appointment today who takes a ticket is served with
 * the appointment holders' priority ("Con cita", weight 2), unless a heavier one was chosen.
 */
@TurnoTest
class AppointmentHolderTicketsTests {

    @LocalServerPort
    int port;

    JdbcClient owner;
    TestHttp http;
    String admin;
    String reception;
    QueueFixture branch;
    SchedulingFixture scheduling;

    @Autowired
    void ownerConnection(javax.sql.DataSource dataSource) {
        owner = TestDatabase.owner(dataSource);
    }

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
        admin = http.demoToken("admin", "Admin123!");
        reception = http.demoToken("reception", "Reception123!");
        branch = new QueueFixture(owner, "America/Bogota");
        scheduling = new SchedulingFixture(http, admin, "America/Bogota", 30);
    }

    @AfterEach
    void signOut() {
        scheduling.signOut();
        for (String token : List.of(admin, reception)) {
            http.call("POST", "/api/v1/auth/logout", token, null);
        }
    }

    @Test
    void aCustomerWithAnAppointmentTodayGetsTheAppointmentHoldersPriority() {
        UUID service = QueueFixture.service(
                http, admin, "C-" + UUID.randomUUID().toString().substring(0, 6), 10);
        branch.queue("C", service);
        UUID holder = scheduling.customer();
        UUID walkIn = scheduling.customer();
        UUID tomorrow = scheduling.customer();
        appointment(holder, "now()", "CONFIRMED");
        appointment(tomorrow, "now() + interval '1 day'", "CONFIRMED");
        UUID cancelled = scheduling.customer();
        appointment(cancelled, "now()", "CANCELLED");

        Priority conCita = priority("appointment_holders");
        assertThat(conCita.name()).isEqualTo("Con cita");
        assertThat(conCita.weight()).isEqualTo(2);

        assertThat(ticket(service, holder, null).get("priority_id").asString())
                .isEqualTo(conCita.id().toString());
        assertThat(ticket(service, holder, null).get("weight").asInt()).isEqualTo(2);
        assertThat(ticket(service, walkIn, null).get("weight").asInt())
                .as("no appointment")
                .isEqualTo(1);
        assertThat(ticket(service, tomorrow, null).get("weight").asInt())
                .as("not today")
                .isEqualTo(1);
        assertThat(ticket(service, cancelled, null).get("weight").asInt())
                .as("cancelled")
                .isEqualTo(1);

        UUID general = priority("is_default").id();
        UUID preferential = owner.sql("""
                SELECT p.id FROM queueing_priorities p JOIN tenants t ON t.id = p.tenant_id
                WHERE t.slug = 'demo' AND p.name = 'Preferencial'""").query(UUID.class).single();
        assertThat(ticket(service, holder, general).get("weight").asInt())
                .as("a lighter choice is raised")
                .isEqualTo(2);
        assertThat(ticket(service, holder, preferential).get("weight").asInt())
                .as("a heavier one stays")
                .isEqualTo(3);
    }

    /** An appointment of the customer with the fixture's practitioner starting at {@code start} (SQL). */
    private void appointment(UUID customer, String start, String status) {
        owner.sql("""
                INSERT INTO scheduling_appointments (id, tenant_id, practitioner_id, customer_id, service_id, starts_at,
                                                     ends_at, status)
                SELECT gen_random_uuid(), p.tenant_id, p.id, :c, :s, %1$s, %1$s + interval '30 minutes', :status
                FROM scheduling_practitioners p WHERE p.id = :p
                """.formatted(start))
                .param("c", customer)
                .param("s", scheduling.service)
                .param("p", scheduling.practitioner)
                .param("status", status)
                .update();
    }

    record Priority(UUID id, String name, int weight) {}

    private Priority priority(String flag) {
        return owner.sql("""
                SELECT p.id, p.name, p.weight FROM queueing_priorities p JOIN tenants t ON t.id = p.tenant_id
                WHERE t.slug = 'demo' AND p.%s""".formatted(flag)).query(Priority.class).single();
    }

    private JsonNode ticket(UUID service, UUID customer, UUID priority) {
        var issued = http.call("POST", "/api/v1/tickets", reception, """
                {"branch_id": "%s", "service_id": "%s", "customer_id": "%s"%s}""".formatted(
                branch.branch, service, customer, priority == null ? "" : ", \"priority_id\": \"" + priority + "\""));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        return json(http.call("GET", "/api/v1/tickets/" + json(issued).get("id").asString(), reception, null));
    }
}
