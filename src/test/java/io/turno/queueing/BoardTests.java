package io.turno.queueing;

import static io.turno.TestHttp.assertProblem;
import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import io.turno.TestDatabase;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@TurnoTest
class BoardTests {

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    JdbcClient owner;
    TestHttp http;
    String reception;
    QueueFixture branch;
    UUID service;
    UUID desk;

    @Autowired
    void ownerConnection(DataSource dataSource) {
        owner = TestDatabase.owner(dataSource);
    }

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
        String admin = http.demoToken("admin", "Admin123!");
        reception = http.demoToken("reception", "Reception123!");
        branch = new QueueFixture(owner, "America/Bogota");
        service = QueueFixture.service(
                http, admin, "V-" + UUID.randomUUID().toString().substring(0, 6), 4);
        UUID queue = branch.queue("A", service);
        desk = branch.desk("Ventanilla 1", List.of(queue), List.of());
    }

    @Test
    void theBoardShowsWhoIsServedWhereAndWhoIsNext() {
        issue();
        issue();
        issue();
        http.call("POST", "/api/v1/desks/" + desk + "/call-next", reception, null);
        JsonNode board = json(http.call("GET", "/api/v1/branches/" + branch.branch + "/board", reception, null));
        assertThat(board.get("now_serving").get(0).get("desk_name").asString()).isEqualTo("Ventanilla 1");
        assertThat(board.get("now_serving").get(0).get("number").asString()).isEqualTo("A-001");
        assertThat(board.get("waiting").get(0).get("waiting").asInt()).isEqualTo(2);
        assertThat(board.get("waiting").get(0).get("next").valueStream().map(JsonNode::asString))
                .containsExactly("A-002", "A-003");
        assertProblem(
                http.call("GET", "/api/v1/branches/" + UUID.randomUUID() + "/board", reception, null),
                404,
                "NOT_FOUND");
    }

    /**
     * A ticket keeps the weight it was issued with; when no priority weighs that any more (one was
     * changed since), the board still shows it where a desk will call it.
     */
    @Test
    void aTicketWhoseWeightNoPriorityHasIsShownWhereItWillBeCalled() {
        owner.sql("UPDATE queueing_branches SET call_policy = 'STRICT_PRIORITY' WHERE id = :b")
                .param("b", branch.branch)
                .update();
        for (int i = 0; i < 5; i++) {
            issue();
        }
        owner.sql("UPDATE queueing_tickets SET weight = 7 WHERE branch_id = :b AND display_number = 'A-005'")
                .param("b", branch.branch)
                .update();

        JsonNode board = json(http.call("GET", "/api/v1/branches/" + branch.branch + "/board", reception, null));
        assertThat(board.get("waiting").get(0).get("next").valueStream().map(JsonNode::asString))
                .containsExactly("A-005", "A-001", "A-002");
        assertThat(json(http.call("POST", "/api/v1/desks/" + desk + "/call-next", reception, null))
                        .get("number")
                        .asString())
                .isEqualTo("A-005");
    }

    @Test
    void theCustomersPhoneSeesItsTurnWithoutLoginOrPersonalData() {
        issue();
        var mine = json(http.call("POST", "/api/v1/tickets", reception, """
                {"branch_id": "%s", "service_id": "%s",
                 "customer": {"document_type": "CC", "document_number": "52123456", "full_name": "Ana Privada"}}""".formatted(branch.branch, service)));
        String statusUrl = mine.get("status_url").asString();

        var waiting = http.get(statusUrl);
        assertThat(waiting.statusCode()).isEqualTo(200);
        assertThat(waiting.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        assertThat(waiting.body()).doesNotContain("Ana", "52123456", "customer");
        JsonNode view = json(waiting);
        assertThat(view.get("number").asString()).isEqualTo("A-002");
        assertThat(view.get("ahead").asInt()).isOne();
        assertThat(view.get("estimated_wait_seconds").asLong()).isEqualTo(4 * 60);

        String first = json(http.call("POST", "/api/v1/desks/" + desk + "/call-next", reception, null))
                .get("id")
                .asString();
        assertThat(json(http.get(statusUrl)).get("ahead").asInt()).isZero();
        http.call("POST", "/api/v1/tickets/" + first + "/complete", reception, null);
        http.call("POST", "/api/v1/desks/" + desk + "/call-next", reception, null);
        JsonNode called = json(http.get(statusUrl));
        assertThat(called.get("status").asString()).isEqualTo("CALLED");
        assertThat(called.get("desk_name").asString()).isEqualTo("Ventanilla 1");
        assertProblem(http.get("/api/v1/public/tickets/" + "x".repeat(32)), 404, "NOT_FOUND");
        assertProblem(http.get("/api/v1/public/tickets/short"), 404, "NOT_FOUND");
    }

    /** A screen on one instance sees, within a second, a call made on another instance. */
    @Test
    void aBoardStreamSeesACallMadeOnAnotherInstanceWithinASecond() throws Exception {
        issue();
        ConfigurableApplicationContext second = TestDatabase.secondInstance(dataSource);
        int otherPort = Integer.parseInt(second.getEnvironment().getRequiredProperty("local.server.port"));
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        var client = HttpClient.newHttpClient();
        var request = HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + otherPort + "/api/v1/branches/" + branch.branch + "/board/stream"))
                .header("Authorization", "Bearer " + reception)
                .header("Accept", "text/event-stream")
                .build();
        var stream = client.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        stream.thenAccept(response -> response.body()
                .filter(line -> line.startsWith("data:"))
                .forEach(line -> events.add(line.substring(5))));

        JsonNode first = json(events.poll(10, TimeUnit.SECONDS));
        assertThat(first.get("waiting").get(0).get("waiting").asInt()).isOne();

        long called = System.nanoTime();
        assertThat(http.call("POST", "/api/v1/desks/" + desk + "/call-next", reception, null)
                        .statusCode())
                .isEqualTo(200);
        String update = events.poll(1, TimeUnit.SECONDS);
        assertThat(update).as("no board update within 1 s").isNotNull();
        assertThat(Duration.ofNanos(System.nanoTime() - called)).isLessThan(Duration.ofSeconds(1));
        assertThat(json(update).get("now_serving").get(0).get("number").asString())
                .isEqualTo("A-001");
        stream.cancel(true);
    }

    private void issue() {
        assertThat(http.call("POST", "/api/v1/tickets", reception, """
                {"branch_id": "%s", "service_id": "%s"}""".formatted(branch.branch, service))
                        .statusCode())
                .isEqualTo(201);
    }
}
