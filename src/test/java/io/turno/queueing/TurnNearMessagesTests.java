package io.turno.queueing;

import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.turno.Inbox;
import io.turno.TestDatabase;
import io.turno.TestHttp;
import io.turno.TestServers;
import io.turno.TurnoTest;
import io.turno.notifications.internal.Dispatcher;
import io.turno.shared.TenantId;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "Your turn is near": a ticket holder is told once, when calls bring the ticket among the first
 * three waiting (the default), not again as it moves further up, nor when a call is delivered twice.
 */
@TurnoTest
class TurnNearMessagesTests {

    static GreenMail smtp = TestServers.startSmtp();

    @AfterAll
    static void stop() {
        smtp.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    JdbcClient owner;
    TestHttp http;
    String admin;
    QueueFixture branch;
    UUID service;
    UUID desk;
    String held;

    @Autowired
    void ownerConnection(DataSource dataSource) {
        owner = TestDatabase.owner(dataSource);
    }

    Inbox inbox;

    @BeforeEach
    void setUp() {
        inbox = new Inbox(smtp, dispatcher, owner);
        http = new TestHttp(port);
        admin = http.demoToken("admin", "Admin123!");
        branch = new QueueFixture(owner, "America/Bogota");
        service = QueueFixture.service(
                http, admin, "T-" + UUID.randomUUID().toString().substring(0, 6), 5);
        UUID queue = branch.queue("A", service);
        desk = branch.desk("Ventanilla 1", List.of(queue), List.of());
    }

    @Test
    void theHolderIsToldOnceWhenTheTicketIsThirdInLine() throws Exception {
        String email = "turno-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        for (int i = 0; i < 4; i++) {
            issue(null);
        }
        String mine = issue(customer(email));
        // Right behind, a holder who reads English: third in line after the third call.
        String english = "turn-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String theirs = issue(customer(english, "en"));

        call(); // A-002..A-005 wait: mine is fourth.
        waitForListeners();
        assertThat(inbox.to(email)).as("fourth in line is not near yet").isEmpty();

        var called = call(); // Mine is third now.
        waitForListeners();
        // Delivered again, as the registry resubmits a publication a restart left incomplete.
        transactions.executeWithoutResult(status -> events.publishEvent(new TicketCalled(
                new TenantId(branch.tenant),
                UUID.fromString(json(called).get("id").asString()),
                branch.branch,
                UUID.fromString(json(called).get("queue_id").asString()),
                desk,
                "Ventanilla 1",
                null,
                json(called).get("number").asString(),
                0,
                Instant.now())));
        call(); // Second: still near, already told.
        waitForListeners();

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            dispatcher.runOnce();
            return !inbox.to(email).isEmpty();
        });
        inbox.dispatchAll();
        assertThat(inbox.to(email)).hasSize(1);
        MimeMessage mail = inbox.to(email).getFirst();
        assertThat(mail.getSubject()).isEqualTo("Su turno está cerca");
        assertThat(GreenMailUtil.getBody(mail)).contains(mine, "quedan 2 personas");

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            dispatcher.runOnce();
            return !inbox.to(english).isEmpty();
        });
        MimeMessage inEnglish = inbox.to(english).getFirst();
        assertThat(inEnglish.getSubject()).isEqualTo("Your turn is near");
        assertThat(GreenMailUtil.getBody(inEnglish)).contains(theirs, "2 people are ahead");
    }

    private java.net.http.HttpResponse<String> call() {
        // Each call needs a free desk: the previous ticket is closed first.
        if (held != null) {
            assertThat(http.call("POST", "/api/v1/tickets/" + held + "/no-show", admin, null)
                            .statusCode())
                    .isEqualTo(200);
        }
        var called = http.call("POST", "/api/v1/desks/" + desk + "/call-next", admin, null);
        assertThat(called.statusCode()).as(called.body()).isEqualTo(200);
        held = json(called).get("id").asString();
        return called;
    }

    private void waitForListeners() {
        await().atMost(Duration.ofSeconds(15))
                .until(() ->
                        owner.sql("SELECT count(*) FROM event_publication WHERE listener_id LIKE '%TurnNearNotices%'")
                                        .query(Long.class)
                                        .single()
                                == 0);
    }

    private String issue(UUID customer) {
        var issued = http.call("POST", "/api/v1/tickets", admin, """
                {"branch_id": "%s", "service_id": "%s"%s}""".formatted(
                        branch.branch, service, customer == null ? "" : ", \"customer_id\": \"" + customer + "\""));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        return json(issued).get("number").asString();
    }

    private UUID customer(String email) {
        return customer(email, "es");
    }

    private UUID customer(String email, String language) {
        String number = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));
        var created = http.call("POST", "/api/v1/customers", admin, """
                {"document_type": "CC", "document_number": "%s", "full_name": "Cliente %s", "email": "%s", "language": "%s"}""".formatted(number, number, email, language));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return UUID.fromString(json(created).get("id").asString());
    }
}
