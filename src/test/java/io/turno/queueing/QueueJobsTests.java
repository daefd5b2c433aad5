package io.turno.queueing;

import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import io.turno.MutableClock;
import io.turno.TestDatabase;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import io.turno.queueing.internal.DailyReset;
import io.turno.queueing.internal.Rebalancer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@TurnoTest
class QueueJobsTests {

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    DailyReset reset;

    @Autowired
    Rebalancer rebalancer;

    JdbcClient owner;
    TestHttp http;
    String admin;
    String reception;

    @Autowired
    void ownerConnection(javax.sql.DataSource dataSource) {
        owner = TestDatabase.owner(dataSource);
    }

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
        admin = http.demoToken("admin", "Admin123!");
        reception = http.demoToken("reception", "Reception123!");
    }

    @AfterEach
    void signOut() {
        http.call("POST", "/api/v1/auth/logout", admin, null);
        http.call("POST", "/api/v1/auth/logout", reception, null);
    }

    /** Tokyo's midnight is 15:00 UTC and 10:00 in Bogotá: only the Tokyo branch's day ends. */
    @Test
    void atEachBranchsLocalMidnightOpenTicketsExpireAndNumberingStartsOver() {
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        Instant midnight = LocalDate.ofInstant(clock.instant(), tokyo)
                .plusDays(1)
                .atStartOfDay(tokyo)
                .toInstant();
        clock.advance(Duration.between(clock.instant(), midnight.minus(Duration.ofMinutes(10))));
        // Hours later: sign in again.
        admin = http.demoToken("admin", "Admin123!");
        reception = http.demoToken("reception", "Reception123!");
        var tokyoBranch = new QueueFixture(owner, "Asia/Tokyo");
        var bogotaBranch = new QueueFixture(owner, "America/Bogota");
        UUID service = QueueFixture.service(
                http, admin, "M-" + UUID.randomUUID().toString().substring(0, 6), null);
        UUID tokyoQueue = tokyoBranch.queue("A", service);
        bogotaBranch.queue("A", service);
        UUID desk = tokyoBranch.desk("Ventanilla 1", List.of(tokyoQueue), List.of());
        String late = issue(tokyoBranch, service).get("id").asString();
        issue(tokyoBranch, service);
        assertThat(http.call("POST", "/api/v1/desks/" + desk + "/call-next", reception, null)
                        .statusCode())
                .isEqualTo(200);
        String bogota = issue(bogotaBranch, service).get("id").asString();

        reset.run();
        assertThat(status(late)).as("before midnight nothing closes").isEqualTo("CALLED");

        clock.advance(Duration.ofMinutes(20));
        reset.run();
        reset.run();
        JsonNode expired = json(http.call("GET", "/api/v1/tickets/" + late, reception, null));
        assertThat(expired.get("status").asString()).isEqualTo("EXPIRED");
        assertThat(expired.get("close_reason").asString()).contains("medianoche");
        assertThat(expired.get("history")
                        .valueStream()
                        .filter(e -> e.get("type").asString().equals("EXPIRED")))
                .as("closed once, however often the job runs")
                .hasSize(1);
        assertThat(owner.sql("SELECT count(*) FROM queueing_tickets WHERE branch_id = :b AND status = 'EXPIRED'")
                        .param("b", tokyoBranch.branch)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertThat(status(bogota)).isEqualTo("WAITING");
        assertThat(issue(tokyoBranch, service).get("number").asString()).isEqualTo("A-001");
        assertThat(issue(bogotaBranch, service).get("number").asString()).isEqualTo("A-002");
    }

    @Test
    void anEmptyQueueWithADeskTakesHalfTheExcessOfACrowdedOne() {
        var branch = new QueueFixture(owner, "America/Bogota");
        UUID service = QueueFixture.service(
                http, admin, "RB-" + UUID.randomUUID().toString().substring(0, 5), null);
        UUID crowded = branch.queue("A", service);
        UUID idle = branch.queue("B", service);
        owner.sql("UPDATE queueing_queues SET active = false WHERE id = :q")
                .param("q", idle)
                .update();
        List<String> numbers = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            numbers.add(issue(branch, service).get("id").asString());
            clock.advance(Duration.ofSeconds(30));
        }
        owner.sql("UPDATE queueing_queues SET active = true WHERE id = :q")
                .param("q", idle)
                .update();
        assertThat(rebalancer.run())
                .as("no desk serves the empty queue: nothing to gain")
                .isZero();
        branch.desk("Ventanilla 2", List.of(idle), List.of());

        assertThat(rebalancer.run())
                .as("10 waiting, threshold 5: half the excess of 5")
                .isEqualTo(3);
        assertThat(rebalancer.run()).isZero();
        for (String first : numbers.subList(0, 3)) {
            JsonNode ticket = json(http.call("GET", "/api/v1/tickets/" + first, reception, null));
            assertThat(ticket.get("queue_id").asString())
                    .as("the longest waiting move")
                    .isEqualTo(idle.toString());
            assertThat(ticket.get("history").get(1).get("detail").get("reason").asString())
                    .isEqualTo("REBALANCE");
        }
        assertThat(owner.sql(
                                "SELECT count(*) FROM audit_log WHERE entity_type = 'ticket' AND summary ->> 'reason' = 'REBALANCE'")
                        .query(Long.class)
                        .single())
                .isEqualTo(3);
        assertThat(owner.sql("SELECT count(*) FROM queueing_tickets WHERE queue_id = :q AND status = 'WAITING'")
                        .param("q", crowded)
                        .query(Long.class)
                        .single())
                .isEqualTo(7);
    }

    private JsonNode issue(QueueFixture branch, UUID service) {
        var response = http.call(
                "POST",
                "/api/v1/tickets",
                reception,
                "{\"branch_id\": \"%s\", \"service_id\": \"%s\"}".formatted(branch.branch, service));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }

    private String status(String ticket) {
        return json(http.call("GET", "/api/v1/tickets/" + ticket, reception, null))
                .get("status")
                .asString();
    }
}
