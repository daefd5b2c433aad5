package io.turno.queueing;

import static io.turno.TestHttp.assertProblem;
import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import io.turno.MutableClock;
import io.turno.RecordedEvents;
import io.turno.TestDatabase;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@TurnoTest
class TicketsApiTests {

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    RecordedEvents events;

    JdbcClient owner;
    TestHttp http;
    String admin;
    String reception;
    QueueFixture branch;

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
    }

    @AfterEach
    void signOut() {
        for (String token : List.of(admin, reception)) {
            http.call("POST", "/api/v1/auth/logout", token, null);
        }
    }

    @Test
    void aTicketIsIssuedCalledServedAndItsHistoryKept() {
        UUID service = QueueFixture.service(http, admin, "T-" + suffix(), 10);
        UUID queue = branch.queue("A", service);
        UUID desk = branch.desk("Ventanilla 1", List.of(queue), List.of());

        JsonNode first = json(issue(service, null));
        assertThat(first.get("number").asString()).isEqualTo("A-001");
        assertThat(first.get("position").asInt()).isOne();
        assertThat(first.get("estimated_wait_seconds").asLong()).isZero();
        JsonNode second = json(issue(service, null));
        assertThat(second.get("number").asString()).isEqualTo("A-002");
        assertThat(second.get("position").asInt()).isEqualTo(2);
        assertThat(second.get("estimated_wait_seconds").asLong())
                .as("one 10-minute turn ahead, one desk")
                .isEqualTo(600);
        assertThat(second.get("status_url").asString()).startsWith("/api/v1/public/tickets/");

        JsonNode called = json(callNext(desk));
        assertThat(called.get("number").asString()).isEqualTo("A-001");
        assertThat(called.get("status").asString()).isEqualTo("CALLED");
        assertThat(called.get("desk_name").asString()).isEqualTo("Ventanilla 1");
        var busy = assertProblem(callNext(desk), 409, "BUSINESS_RULE_VIOLATION");
        assertThat(busy.get("detail").asString()).contains("A-001");

        String id = called.get("id").asString();
        assertThat(json(action(id, "start")).get("status").asString()).isEqualTo("IN_SERVICE");
        assertThat(json(action(id, "complete")).get("status").asString()).isEqualTo("COMPLETED");
        var history =
                json(http.call("GET", "/api/v1/tickets/" + id, reception, null)).get("history");
        assertThat(history.valueStream().map(e -> e.get("type").asString()))
                .containsExactly("ISSUED", "CALLED", "STARTED", "COMPLETED");

        assertThat(json(callNext(desk)).get("number").asString()).isEqualTo("A-002");
        action(
                json(http.call("GET", "/api/v1/tickets/" + second.get("id").asString(), reception, null))
                        .get("id")
                        .asString(),
                "complete");
        assertThat(callNext(desk).statusCode()).as("nothing waits").isEqualTo(204);

        String third = json(issue(service, null)).get("id").asString();
        assertThat(json(action(third, "cancel")).get("status").asString()).isEqualTo("CANCELLED");
        // Every change of a ticket is announced: the dashboards' shared figures start anew on each (TenantEvent).
        assertThat(events.all())
                .filteredOn(e -> e instanceof TicketStarted started
                        && started.ticketId().toString().equals(id))
                .singleElement()
                .satisfies(e -> assertThat(((TicketStarted) e).deskId()).isEqualTo(desk));
        assertThat(events.all())
                .filteredOn(e -> e instanceof TicketCancelled cancelled
                        && cancelled.ticketId().toString().equals(third))
                .singleElement()
                .satisfies(e -> assertThat(((TicketCancelled) e).queueId()).isEqualTo(queue));
    }

    /**
     * Seed 001's rule with the weights of the seeded priorities (General 1, Preferencial 3), under the
     * default policy (no policy given): a preferential ticket waiting 5 min goes before a general one
     * waiting 14 min, after one waiting 16. Then the same three tickets under the other two policies a
     * branch can choose. The board shows the next numbers in the order the desk calls them.
     */
    @ParameterizedTest
    @CsvSource({", 16 P5 14", "FIFO, 16 14 P5", "STRICT_PRIORITY, P5 16 14"})
    void theBranchsPolicyDecidesTheOrder(String policy, String expected) {
        if (policy != null) {
            owner.sql("UPDATE queueing_branches SET call_policy = :p WHERE id = :b")
                    .param("p", policy)
                    .param("b", branch.branch)
                    .update();
        }
        UUID service = QueueFixture.service(http, admin, "P-" + suffix(), null);
        UUID queue = branch.queue("A", service);
        UUID desk = branch.desk("Ventanilla 1", List.of(queue), List.of());
        var numbers = new java.util.HashMap<String, String>();
        numbers.put("16", json(issue(service, null)).get("number").asString());
        clock.advance(Duration.ofMinutes(2));
        numbers.put("14", json(issue(service, null)).get("number").asString());
        clock.advance(Duration.ofMinutes(9));
        numbers.put(
                "P5",
                json(issue(service, branch.priority("Preferencial")))
                        .get("number")
                        .asString());
        clock.advance(Duration.ofMinutes(5));
        List<String> inOrder = Stream.of(expected.split(" ")).map(numbers::get).toList();

        JsonNode board = json(http.call("GET", "/api/v1/branches/" + branch.branch + "/board", reception, null));
        assertThat(board.get("waiting")
                        .valueStream()
                        .filter(q -> q.get("queue_id").asString().equals(queue.toString()))
                        .findFirst()
                        .orElseThrow()
                        .get("next")
                        .valueStream()
                        .map(JsonNode::asString))
                .as("the board's next numbers, by the same policy")
                .containsExactlyElementsOf(inOrder);
        assertThat(List.of(callAndComplete(desk), callAndComplete(desk), callAndComplete(desk)))
                .containsExactlyElementsOf(inOrder);
    }

    @Test
    void aDeskWhoseQueuesAreEmptyHelpsTheBusiestOverflowQueue() {
        UUID service = QueueFixture.service(http, admin, "O-" + suffix(), null);
        UUID other = QueueFixture.service(http, admin, "Q-" + suffix(), null);
        UUID own = branch.queue("A", service);
        UUID quiet = branch.queue("B", other);
        UUID busy = branch.queue("C", other);
        // Two queues for the other service: tickets go to the one with the shorter wait, so fill C by hand.
        owner.sql("UPDATE queueing_queues SET active = false WHERE id = :q")
                .param("q", quiet)
                .update();
        for (int i = 0; i < 2; i++) {
            issue(other, null);
        }
        owner.sql("UPDATE queueing_queues SET active = true WHERE id = :q")
                .param("q", quiet)
                .update();
        owner.sql("UPDATE queueing_queues SET active = false WHERE id = :q")
                .param("q", busy)
                .update();
        String inQuiet = json(issue(other, null)).get("number").asString();
        UUID desk = branch.desk("Ventanilla 1", List.of(own), List.of(quiet, busy));

        assertThat(callAndComplete(desk)).startsWith("C-");
        assertThat(callAndComplete(desk)).startsWith("C-");
        assertThat(callAndComplete(desk)).isEqualTo(inQuiet);
        assertThat(callNext(desk).statusCode()).isEqualTo(204);
    }

    @Test
    void onlyValidTransitionsAndTheRecallLimitClosesAsNoShow() {
        UUID service = QueueFixture.service(http, admin, "R-" + suffix(), null);
        UUID queue = branch.queue("A", service);
        UUID other = branch.queue("B", service);
        UUID desk = branch.desk("Ventanilla 1", List.of(queue, other), List.of());
        String waiting = json(issue(service, null)).get("id").asString();
        var refused = assertProblem(action(waiting, "complete"), 409, "BUSINESS_RULE_VIOLATION");
        assertThat(refused.get("detail").asString()).contains("WAITING");
        assertProblem(action(UUID.randomUUID().toString(), "complete"), 404, "NOT_FOUND");

        json(callNext(desk));
        for (int recall = 1; recall <= 3; recall++) {
            assertThat(json(action(waiting, "recall")).get("recalls").asInt()).isEqualTo(recall);
        }
        JsonNode closed = json(action(waiting, "recall"));
        assertThat(closed.get("status").asString()).isEqualTo("NO_SHOW");
        assertThat(closed.get("close_reason").asString()).isEqualTo("RECALL_LIMIT");
        assertProblem(action(waiting, "recall"), 409, "BUSINESS_RULE_VIOLATION");

        JsonNode moved = json(issue(service, null));
        String movedId = moved.get("id").asString();
        String issuedAt = json(http.call("GET", "/api/v1/tickets/" + movedId, reception, null))
                .get("issued_at")
                .asString();
        UUID target = UUID.fromString(moved.get("queue_id").asString()).equals(queue) ? other : queue;
        JsonNode transferred = json(http.call(
                "POST", "/api/v1/tickets/" + movedId + "/transfer", reception, "{\"queue_id\": \"" + target + "\"}"));
        assertThat(transferred.get("queue_id").asString()).isEqualTo(target.toString());
        assertThat(transferred.get("issued_at").asString()).isEqualTo(issuedAt);
        assertThat(transferred.get("number").asString())
                .isEqualTo(moved.get("number").asString());
        assertProblem(
                http.call("POST", "/api/v1/tickets/" + movedId + "/transfer", reception, "{}"),
                422,
                "VALIDATION_FAILED");
    }

    @Test
    void badInputIsAClearClientError() {
        UUID service = QueueFixture.service(http, admin, "B-" + suffix(), null);
        UUID queue = branch.queue("A", service);
        assertThat(assertProblem(issue(UUID.randomUUID(), null), 422, "VALIDATION_FAILED")
                        .get("detail")
                        .asString())
                .contains("servicio");

        owner.sql("UPDATE queueing_queues SET active = false WHERE id = :q")
                .param("q", queue)
                .update();
        assertThat(assertProblem(issue(service, null), 422, "VALIDATION_FAILED")
                        .get("detail")
                        .asString())
                .contains("Ninguna cola activa");
        owner.sql("UPDATE queueing_queues SET active = true WHERE id = :q")
                .param("q", queue)
                .update();

        UUID foreignBranch = UUID.randomUUID();
        UUID otherTenant = UUID.randomUUID();
        owner.sql("INSERT INTO tenants (id, slug, name) VALUES (:id, :slug, 'Otra')")
                .param("id", otherTenant)
                .param("slug", "otra-" + suffix().toLowerCase())
                .update();
        owner.sql("INSERT INTO queueing_branches (id, tenant_id, name, time_zone) VALUES (:id, :t, 'Ajena', 'UTC')")
                .param("id", foreignBranch)
                .param("t", otherTenant)
                .update();
        var foreign = http.call("POST", "/api/v1/tickets", reception, """
                {"branch_id": "%s", "service_id": "%s"}""".formatted(foreignBranch, service));
        assertThat(assertProblem(foreign, 422, "VALIDATION_FAILED")
                        .get("detail")
                        .asString())
                .contains("sede");

        var malformed = http.call("POST", "/api/v1/tickets", reception, """
                {"branch_id": "%s", "service_id": "%s",
                 "customer": {"document_type": "CC", "document_number": "12AB", "full_name": "Ana"}}""".formatted(branch.branch, service));
        var problem = assertProblem(malformed, 422, "VALIDATION_FAILED");
        assertThat(problem.get("errors").valueStream().map(e -> e.get("field").asString()))
                .anyMatch(field -> field.contains("document_number"));
        assertProblem(
                http.call("POST", "/api/v1/tickets", reception, "{\"service_id\": \"" + service + "\"}"),
                422,
                "VALIDATION_FAILED");
    }

    @Test
    void statisticsReportWaitingAndServiceTimesAndNoShows() {
        UUID service = QueueFixture.service(http, admin, "S-" + suffix(), null);
        UUID queue = branch.queue("A", service);
        UUID desk = branch.desk("Ventanilla 1", List.of(queue), List.of());
        for (int i = 0; i < 3; i++) {
            issue(service, null);
        }
        clock.advance(Duration.ofMinutes(2));
        String first = json(callNext(desk)).get("id").asString();
        clock.advance(Duration.ofMinutes(4));
        action(first, "complete");
        String second = json(callNext(desk)).get("id").asString();
        action(second, "start");
        clock.advance(Duration.ofMinutes(6));
        action(second, "complete");
        String third = json(callNext(desk)).get("id").asString();
        action(third, "no-show");

        String manager = http.demoToken("manager", "Manager123!");
        var response = http.call("GET", "/api/v1/queues/stats?branch_id=" + branch.branch, manager, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode report = json(response);
        JsonNode row = report.get("rows").get(0);
        assertThat(row.get("label").asString()).isEqualTo("Cola A");
        assertThat(row.get("tickets").asLong()).isEqualTo(3);
        assertThat(row.get("completed").asLong()).isEqualTo(2);
        assertThat(row.get("no_shows").asLong()).isEqualTo(1);
        // Called after 2, 6 and 12 minutes.
        assertThat(row.get("avg_wait_seconds").asDouble()).isBetween(400.0 - 2, 400.0 + 2);
        assertThat(row.get("avg_service_seconds").asDouble()).isBetween(5 * 60.0 - 2, 5 * 60.0 + 2);
        assertThat(row.get("p50_wait_seconds").asDouble()).isBetween(6 * 60.0 - 2, 6 * 60.0 + 2);
        assertThat(row.get("p90_wait_seconds").asDouble())
                .isGreaterThan(row.get("avg_wait_seconds").asDouble());
        for (String groupBy : List.of("desk", "operator", "priority", "HOUR")) {
            assertThat(http.call(
                                    "GET",
                                    "/api/v1/queues/stats?branch_id=" + branch.branch + "&group_by=" + groupBy,
                                    manager,
                                    null)
                            .statusCode())
                    .as(groupBy)
                    .isEqualTo(200);
        }
        JsonNode byOperator = json(http.call(
                        "GET", "/api/v1/queues/stats?branch_id=" + branch.branch + "&group_by=operator", manager, null))
                .get("rows")
                .get(0);
        assertThat(byOperator.get("label").asString()).isEqualTo("Demo Recepcionista");
        assertThat(byOperator.get("tickets").asLong()).isEqualTo(3);
        assertProblem(
                http.call(
                        "GET", "/api/v1/queues/stats?branch_id=" + branch.branch + "&group_by=weekday", manager, null),
                422,
                "VALIDATION_FAILED");
        assertProblem(
                http.call(
                        "GET",
                        "/api/v1/queues/stats?branch_id=" + branch.branch + "&from=2026-02-01&to=2026-01-01",
                        manager,
                        null),
                422,
                "VALIDATION_FAILED");
        assertProblem(
                http.call("GET", "/api/v1/queues/stats?branch_id=" + branch.branch, reception, null),
                403,
                "INSUFFICIENT_PERMISSIONS");
        assertThat(owner.sql(
                                "SELECT count(*) FROM audit_query_log WHERE kind = 'queueing.stats' AND username = 'manager'")
                        .query(Long.class)
                        .single())
                .isGreaterThanOrEqualTo(5);
        http.call("POST", "/api/v1/auth/logout", manager, null);
    }

    private HttpResponse<String> issue(UUID service, UUID priority) {
        var response = http.call("POST", "/api/v1/tickets", reception, """
                {"branch_id": "%s", "service_id": "%s"%s}""".formatted(
                        branch.branch, service, priority == null ? "" : ", \"priority_id\": \"" + priority + "\""));
        return response;
    }

    private HttpResponse<String> callNext(UUID desk) {
        return http.call("POST", "/api/v1/desks/" + desk + "/call-next", reception, null);
    }

    private HttpResponse<String> action(String ticket, String action) {
        return http.call("POST", "/api/v1/tickets/" + ticket + "/" + action, reception, null);
    }

    private String callAndComplete(UUID desk) {
        var called = callNext(desk);
        assertThat(called.statusCode()).as(called.body()).isEqualTo(200);
        JsonNode ticket = json(called);
        assertThat(action(ticket.get("id").asString(), "complete").statusCode()).isEqualTo(200);
        return ticket.get("number").asString();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    }
}
