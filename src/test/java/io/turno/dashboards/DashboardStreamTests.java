package io.turno.dashboards;

import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import io.turno.TestDatabase;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard's stream ({@code /api/v1/dashboard/stream}): a ticket issued on one instance nudges the
 * dashboards open on another within 2 s, naming the queue widgets; another organization's ticket changes
 * never reach it.
 */
@TurnoTest
class DashboardStreamTests {

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Test
    void aTicketIssuedOnOneInstanceNudgesTheOrganizationsDashboardsOnAnotherWithin2Seconds() throws Exception {
        JdbcClient owner = TestDatabase.owner(dataSource);
        TestHttp http = new TestHttp(port);
        String admin = http.demoToken("admin", "Admin123!");
        String reception = http.demoToken("reception", "Reception123!");
        String supervisor = http.demoToken("supervisor", "Supervisor123!");
        QueueBranch office = new QueueBranch(owner, http, admin);
        ConfigurableApplicationContext second = TestDatabase.secondInstance(dataSource);
        int otherPort = Integer.parseInt(second.getEnvironment().getRequiredProperty("local.server.port"));

        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + otherPort + "/api/v1/dashboard/stream"))
                .header("Authorization", "Bearer " + supervisor)
                .header("Accept", "text/event-stream")
                .build();
        HttpClient client = HttpClient.newHttpClient();
        client.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> {
            String[] name = {null};
            response.body().forEach(line -> {
                if (line.startsWith("event:")) {
                    name[0] = line.substring(6);
                } else if (line.startsWith("data:")) {
                    events.add(new Event(name[0], line.substring(5)));
                }
            });
        });
        try {
            assertThat(events.poll(10, TimeUnit.SECONDS))
                    .as("the stream opens with «ready»")
                    .extracting(Event::name)
                    .isEqualTo("ready");

            // Another organization's branch changes, as the database announces it, before this one's ticket.
            owner.sql("SELECT pg_notify('turno_board', :payload)")
                    .param("payload", UUID.randomUUID() + ":" + UUID.randomUUID())
                    .query()
                    .listOfRows();
            TestHttp otherInstance = new TestHttp(otherPort);
            office.issue(http, reception);
            String waiting = "/api/v1/dashboard/widgets?types=waiting_now&branch_id=" + office.branch;
            assertThat(json(otherInstance.call("GET", waiting, supervisor, null))
                            .at("/widgets/0/data/datasets/0/data/0")
                            .asDouble())
                    .isEqualTo(1);
            assertThat(events.poll(2, TimeUnit.SECONDS))
                    .as("the first ticket's nudge")
                    .isNotNull();
            long issued = System.nanoTime();
            office.issue(http, reception);
            Event nudge = events.poll(2, TimeUnit.SECONDS);
            assertThat(nudge).as("no nudge within 2 s").isNotNull();
            assertThat(Duration.ofNanos(System.nanoTime() - issued)).isLessThan(Duration.ofSeconds(2));
            assertThat(nudge.name()).isEqualTo("changed");
            JsonNode changed = json(nudge.data());
            assertThat(changed.get("branch_id").asString())
                    .as("this organization's ticket, never the other's change announced before it")
                    .isEqualTo(office.branch.toString());
            assertThat(changed.get("widgets").valueStream().map(JsonNode::asString))
                    .contains("waiting_now", "longest_waiting");
            // Well within the figures' 2 s: only the nudge's QueueChanged can make way for the ticket so soon.
            Awaitility.await()
                    .atMost(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(json(otherInstance.call("GET", waiting, supervisor, null))
                                    .at("/widgets/0/data/datasets/0/data/0")
                                    .asDouble())
                            .as("the other instance's shared figures give way to the ticket issued here")
                            .isEqualTo(2));
        } finally {
            // Ends the stream, which the server would otherwise keep open until its timeout.
            client.shutdownNow();
        }
    }

    record Event(String name, String data) {}
}
