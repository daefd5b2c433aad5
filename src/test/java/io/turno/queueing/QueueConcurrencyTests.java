package io.turno.queueing;

import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import javax.sql.DataSource;

import io.turno.TestDatabase;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The database decides who gets which number and which ticket: concurrent requests, on one
 * instance or on two sharing the database, never share either.
 */
@TurnoTest
class QueueConcurrencyTests {

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    JdbcClient owner;

    @Autowired
    void ownerConnection(DataSource dataSource) {
        owner = TestDatabase.owner(dataSource);
    }

    @Test
    void twoHundredConcurrentTicketsForOneQueueGetTwoHundredConsecutiveNumbers() throws Exception {
        var http = new TestHttp(port);
        String admin = http.demoToken("admin", "Admin123!");
        String reception = http.demoToken("reception", "Reception123!");
        var branch = new QueueFixture(owner, "America/Bogota");
        UUID service = QueueFixture.service(
                http, admin, "N-" + UUID.randomUUID().toString().substring(0, 6), null);
        UUID queue = branch.queue("A", service);

        var numbers = run(
                200,
                i -> json(http.call(
                                "POST",
                                "/api/v1/tickets",
                                reception,
                                "{\"branch_id\": \"%s\", \"service_id\": \"%s\"}".formatted(branch.branch, service)))
                        .get("number")
                        .asString());

        assertThat(numbers)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 200)
                        .mapToObj(n -> "A-%03d".formatted(n))
                        .toList());
        assertThat(owner.sql("SELECT max(number) FROM queueing_tickets WHERE queue_id = :q")
                        .param("q", queue)
                        .query(Integer.class)
                        .single())
                .isEqualTo(200);
    }

    @Test
    void concurrentArrivalsAreSharedEvenlyBetweenTwoQueuesEachTicketToldItsOwnPlace() throws Exception {
        var http = new TestHttp(port);
        String admin = http.demoToken("admin", "Admin123!");
        String reception = http.demoToken("reception", "Reception123!");
        var branch = new QueueFixture(owner, "America/Bogota");
        UUID service = QueueFixture.service(
                http, admin, "E-" + UUID.randomUUID().toString().substring(0, 6), null);
        UUID queueA = branch.queue("A", service);
        UUID queueB = branch.queue("B", service);

        var issued = run(
                200,
                i -> json(http.call(
                        "POST",
                        "/api/v1/tickets",
                        reception,
                        "{\"branch_id\": \"%s\", \"service_id\": \"%s\"}".formatted(branch.branch, service))));

        for (UUID queue : List.of(queueA, queueB)) {
            var inQueue = issued.stream()
                    .filter(t -> t.get("queue_id").asString().equals(queue.toString()))
                    .toList();
            String prefix = queue.equals(queueA) ? "A" : "B";
            assertThat(inQueue.stream().map(t -> t.get("number").asString()))
                    .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 100)
                            .mapToObj(n -> prefix + "-%03d".formatted(n))
                            .toList());
            assertThat(inQueue.stream().map(t -> t.get("position").asInt()))
                    .containsExactlyInAnyOrderElementsOf(
                            IntStream.rangeClosed(1, 100).boxed().toList());
        }
    }

    @Test
    void twentyDesksOnTwoInstancesCallFiveHundredTicketsEachExactlyOnce() throws Exception {
        var http = new TestHttp(port);
        String admin = http.demoToken("admin", "Admin123!");
        String reception = http.demoToken("reception", "Reception123!");
        var branch = new QueueFixture(owner, "America/Bogota");
        UUID service = QueueFixture.service(
                http, admin, "D-" + UUID.randomUUID().toString().substring(0, 6), null);
        UUID queueA = branch.queue("A", service);
        UUID queueB = branch.queue("B", service);
        // One in five preferential, so that desks also claim among the tickets of a second weight.
        UUID preferential = branch.priority("Preferencial");
        run(
                500,
                i -> http.call(
                                "POST",
                                "/api/v1/tickets",
                                reception,
                                "{\"branch_id\": \"%s\", \"service_id\": \"%s\"%s}"
                                        .formatted(
                                                branch.branch,
                                                service,
                                                i % 5 == 0 ? ", \"priority_id\": \"" + preferential + "\"" : ""))
                        .statusCode());
        List<UUID> desks = IntStream.range(0, 20)
                .mapToObj(i -> branch.desk(
                        "Ventanilla " + i,
                        i % 2 == 0 ? List.of(queueA, queueB) : List.of(queueB),
                        i % 2 == 0 ? List.of() : List.of(queueA)))
                .toList();

        ConfigurableApplicationContext second = TestDatabase.secondInstance(dataSource);
        var other = new TestHttp(Integer.parseInt(second.getEnvironment().getRequiredProperty("local.server.port")));
        var called = new ConcurrentLinkedQueue<String>();
        run(desks.size(), i -> {
            TestHttp instance = i < 10 ? http : other;
            while (true) {
                var response = instance.call("POST", "/api/v1/desks/" + desks.get(i) + "/call-next", reception, null);
                if (response.statusCode() == 204) {
                    return 0;
                }
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                String ticket = json(response).get("id").asString();
                called.add(ticket);
                assertThat(instance.call("POST", "/api/v1/tickets/" + ticket + "/complete", reception, null)
                                .statusCode())
                        .isEqualTo(200);
            }
        });

        assertThat(called).hasSize(500).doesNotHaveDuplicates();
        assertThat(owner.sql("""
                SELECT count(*) FROM queueing_ticket_events e JOIN queueing_tickets t ON t.id = e.ticket_id
                WHERE t.branch_id = :b AND e.type = 'CALLED'""").param("b", branch.branch).query(Long.class).single())
                .isEqualTo(500);
        assertThat(owner.sql("SELECT DISTINCT status FROM queueing_tickets WHERE branch_id = :b")
                        .param("b", branch.branch)
                        .query(String.class)
                        .list())
                .containsExactly("COMPLETED");
        assertThat(Set.copyOf(called)).hasSize(500);
    }

    interface Task<T> {
        T run(int index) throws Exception;
    }

    private static <T> List<T> run(int count, Task<T> task) throws Exception {
        var tasks = new ArrayList<Callable<T>>();
        for (int i = 0; i < count; i++) {
            int index = i;
            tasks.add(() -> task.run(index));
        }
        var results = new ArrayList<T>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<T> result : executor.invokeAll(tasks)) {
                results.add(result.get());
            }
        }
        return results;
    }
}
