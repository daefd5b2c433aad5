package io.turno.queueing;

import static io.turno.PageSession.find;
import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

import io.turno.MutableClock;
import io.turno.PageSession;
import io.turno.TestDatabase;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The desk console's waiting list (priority, minutes waited, the customer's name only for those
 * who may read customers) and calling a chosen ticket, including two desks choosing the same one.
 */
@TurnoTest
class DeskConsoleTests {

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    JdbcClient owner;
    TestHttp http;
    String admin;
    QueueFixture branch;
    UUID service;
    UUID queue;
    UUID desk;
    UUID otherDesk;

    @Autowired
    void ownerConnection(DataSource dataSource) {
        owner = TestDatabase.owner(dataSource);
    }

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
        admin = http.demoToken("admin", "Admin123!");
        branch = new QueueFixture(owner, "America/Bogota");
        service = QueueFixture.service(
                http, admin, "D-" + UUID.randomUUID().toString().substring(0, 6), 5);
        queue = branch.queue("A", service);
        desk = branch.desk("Ventanilla 1", List.of(queue), List.of());
        otherDesk = branch.desk("Ventanilla 2", List.of(queue), List.of());
    }

    @Test
    void theWaitingListShowsPriorityWaitAndNamesToThoseWhoMayReadCustomersAndCallsTheChosenTicket() {
        String name = "Ana Espera " + ThreadLocalRandom.current().nextInt(100_000);
        issue(null, "General");
        String chosen = issue(customer(name), "Preferencial");
        clock.advance(Duration.ofMinutes(7));

        var reception = PageSession.signIn(http, "demo", "reception", "Reception123!");
        var page = reception.get("/desk/" + desk);
        assertThat(page.statusCode()).isEqualTo(200);
        String row = find(page.body(), "(<tr data-ticket=\"" + chosen + "\">.*?</tr>)");
        assertThat(row).contains("A-002", "Preferencial", "7 min", name);

        // Allowed to call tickets but not to read the customer registry: numbers, no names.
        var caller = PageSession.signIn(http, "demo", callerWithoutCustomers(), "Llamador-2026");
        var numbersOnly = caller.get("/desk/" + desk);
        assertThat(numbersOnly.statusCode()).isEqualTo(200);
        assertThat(numbersOnly.body()).contains("A-002", "Preferencial").doesNotContain(name, ">Cliente<");

        var called = reception.submit("/desk/" + desk + "/tickets/" + chosen + "/call");
        assertThat(called.body()).contains("Llamado el turno A-002.", "id=\"current-number\">A-002<");
        assertThat(status(chosen)).isEqualTo("CALLED");
        assertThat(reception.inEnglish().get("/desk/" + desk).body()).contains("Waiting for this desk", "A-001", "min");
    }

    @Test
    void ofTwoDesksChoosingTheSameTicketOneCallsItAndTheOtherIsToldWhy() throws Exception {
        var reception = PageSession.signIn(http, "demo", "reception", "Reception123!");
        var supervisor = PageSession.signIn(http, "demo", "supervisor", "Supervisor123!");
        int rounds = 6;
        for (int round = 0; round < rounds; round++) {
            String ticket = issue(null, "General");
            List<HttpResponse<String>> answers = together(
                    () -> reception.submit("/desk/" + desk + "/tickets/" + ticket + "/call"),
                    () -> supervisor.submit("/desk/" + otherDesk + "/tickets/" + ticket + "/call"));
            long won = answers.stream()
                    .filter(a -> a.body().contains("Llamado el turno"))
                    .count();
            assertThat(won).as("round " + round + ": one desk calls the ticket").isOne();
            assertThat(answers)
                    .filteredOn(a -> !a.body().contains("Llamado el turno"))
                    .singleElement()
                    .satisfies(lost -> assertThat(lost.body())
                            .contains(
                                    "class=\"alert error\"",
                                    "ya no está en espera",
                                    "otra ventanilla lo llamó primero"));
            assertThat(owner.sql("""
                    SELECT count(*) FROM queueing_ticket_events WHERE ticket_id = :t AND type = 'CALLED'""")
                            .param("t", UUID.fromString(ticket))
                            .query(Integer.class)
                            .single())
                    .isOne();
            UUID holder = owner.sql("SELECT desk_id FROM queueing_tickets WHERE id = :t")
                    .param("t", UUID.fromString(ticket))
                    .query(UUID.class)
                    .single();
            (holder.equals(desk) ? reception : supervisor)
                    .submit("/desk/" + holder + "/tickets/" + ticket + "/complete");
        }
    }

    @Test
    void callingAChosenTicketAsksForThePermissionToCall() {
        String ticket = issue(null, "General");
        var viewer = PageSession.signIn(http, "demo", "viewer", "Viewer123!");
        assertThat(viewer.post("/desk/" + desk + "/tickets/" + ticket + "/call").statusCode())
                .isEqualTo(403);
        assertThat(status(ticket)).isEqualTo("WAITING");
    }

    @SafeVarargs
    private static <T> List<T> together(Callable<T>... tasks) throws Exception {
        var results = new ArrayList<T>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<T> result : executor.invokeAll(List.of(tasks))) {
                results.add(result.get());
            }
        }
        return results;
    }

    private String issue(UUID customer, String priority) {
        var issued = http.call("POST", "/api/v1/tickets", admin, """
                {"branch_id": "%s", "service_id": "%s", "priority_id": "%s"%s}""".formatted(
                        branch.branch,
                        service,
                        branch.priority(priority),
                        customer == null ? "" : ", \"customer_id\": \"" + customer + "\""));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        return json(issued).get("id").asString();
    }

    private UUID customer(String name) {
        String number = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));
        var created = http.call("POST", "/api/v1/customers", admin, """
                {"document_type": "CC", "document_number": "%s", "full_name": "%s"}""".formatted(number, name));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return UUID.fromString(json(created).get("id").asString());
    }

    /** A user whose only permission is calling tickets. */
    private String callerWithoutCustomers() {
        String code = "LLAMADOR_" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        var role = http.call("POST", "/api/v1/roles", admin, """
                {"code": "%s", "name": "Llamador %s", "permissions": ["tickets:call"]}""".formatted(code, code));
        assertThat(role.statusCode()).as(role.body()).isEqualTo(201);
        String username = code.toLowerCase();
        var user = http.call("POST", "/api/v1/users", admin, """
                {"username": "%s", "full_name": "Llamador", "password": "Llamador-2026", "roles": ["%s"]}""".formatted(username, code));
        assertThat(user.statusCode()).as(user.body()).isEqualTo(201);
        return username;
    }

    private String status(String ticket) {
        return owner.sql("SELECT status FROM queueing_tickets WHERE id = :t")
                .param("t", UUID.fromString(ticket))
                .query(String.class)
                .single();
    }
}
