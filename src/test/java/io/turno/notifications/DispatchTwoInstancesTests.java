package io.turno.notifications;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.UUID;
import javax.sql.DataSource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.turno.AlongsideTheSuite;
import io.turno.TestDatabase;
import io.turno.TestHttp;
import io.turno.TurnoApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two application instances on one database, both with their dispatch worker on, share one backlog
 * of WhatsApp messages: each message reaches the provider exactly once.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            DispatchTwoInstancesTests.SIGNING_KEY,
            DispatchTwoInstancesTests.SECRET_KEY,
            "turno.notifications.worker.enabled=true",
            "turno.notifications.worker.every=PT0.05S",
            "turno.notifications.batch-size=20"
        })
@AlongsideTheSuite
class DispatchTwoInstancesTests {

    static final String SIGNING_KEY =
            "turno.identity.tokens.signing-key=dHVybm8tbm90aWZpY2F0aW9ucy10d28taW5zdGFuY2VzLWtleQ==";
    static final String SECRET_KEY = "turno.notifications.secret-key=dHVybm8tbm90aWZpY2F0aW9ucy10ZXN0LWtleS0zMmI=";
    static final int COUNT = 300;
    static WireMockServer stub;

    @BeforeAll
    static void startStub() {
        stub = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        stub.start();
    }

    @AfterAll
    static void stopStub() {
        stub.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    MeterRegistry meters;

    @Test
    void twoInstancesDispatchingFromOneDatabaseSendEveryMessageOnce() throws Exception {
        JdbcClient owner = TestDatabase.owner(dataSource);
        var http = new TestHttp(port);
        String slug = "dos-" + UUID.randomUUID().toString().substring(0, 8);
        String root = http.token("platform", "root", "Root123!");
        assertThat(http.call("POST", "/api/v1/tenants", root, """
                {"slug": "%s", "name": "Dos", "admin": {"username": "jefe", "password": "Dos-Clave-123"}}""".formatted(slug))
                        .statusCode())
                .isEqualTo(201);
        String admin = http.token(slug, "jefe", "Dos-Clave-123");
        stub.stubFor(post(urlEqualTo("/v21.0/777/messages"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withFixedDelay(5)
                        .withBody("{\"messages\": [{\"id\": \"wamid.X\"}]}")));
        assertThat(http.call("POST", "/api/v1/notification-providers", admin, """
                {"channel": "WHATSAPP", "kind": "WHATSAPP_CLOUD", "name": "Meta", "priority": 1,
                 "settings": {"base_url": "%s", "phone_number_id": "777"}, "secrets": {"access_token": "t"}}""".formatted(stub.baseUrl()))
                        .statusCode())
                .isEqualTo(201);

        String url = dataSource.unwrap(HikariDataSource.class).getJdbcUrl();
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(TurnoApplication.class)
                .run(
                        "--spring.datasource.url=" + url,
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=",
                        "--server.port=0",
                        "--" + SIGNING_KEY,
                        "--" + SECRET_KEY,
                        "--turno.identity.rate-limit.enabled=false",
                        "--turno.notifications.worker.enabled=true",
                        "--turno.notifications.worker.every=PT0.05S",
                        "--turno.notifications.batch-size=20")) {
            // Queued over both instances' APIs, all due at one moment while both workers run (queueing 300 takes
            // about two seconds; should it take longer, the first ones are sent meanwhile, by either instance).
            var other =
                    new TestHttp(Integer.parseInt(second.getEnvironment().getRequiredProperty("local.server.port")));
            var due = java.time.Instant.now().plusSeconds(5);
            for (int i = 0; i < COUNT; i++) {
                var created = (i % 2 == 0 ? http : other)
                        .call("POST", "/api/v1/notifications", admin, """
                        {"recipient": {"name": "C%d", "phone": "+5730000%05d", "whatsapp_opt_in": true},
                         "channel": "WHATSAPP", "body": "Aviso %d", "send_at": "%s"}""".formatted(i, i, i, due));
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            }
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() ->
                            owner.sql("""
                    SELECT count(*) FROM notifications n JOIN tenants t ON t.id = n.tenant_id
                    WHERE t.slug = :slug AND n.status = 'SENT'""").param("slug", slug).query(Long.class).single() == COUNT);

            var requests = stub.findAll(postRequestedFor(urlEqualTo("/v21.0/777/messages")));
            assertThat(requests).hasSize(COUNT);
            var bodies = new HashSet<String>();
            var mapper = JsonMapper.builder().build();
            for (var request : requests) {
                bodies.add(mapper.readTree(request.getBodyAsString())
                        .path("text")
                        .path("body")
                        .asString());
            }
            assertThat(bodies).hasSize(COUNT);
            assertThat(owner.sql("""
                    SELECT count(*) FROM notification_attempts a JOIN tenants t ON t.id = a.tenant_id WHERE t.slug = :slug
                    """).param("slug", slug).query(Long.class).single())
                    .isEqualTo(COUNT);
            double here = sentBy(meters);
            double there = sentBy(second.getBean(MeterRegistry.class));
            assertThat(here + there).isEqualTo(COUNT);
            assertThat(here).as("this instance sent some").isPositive();
            assertThat(there).as("the other instance sent some").isPositive();
            System.out.printf(
                    "Two instances: %d WhatsApp messages, %.0f sent by one and %.0f by the other%n",
                    COUNT, here, there);
        }
    }

    private static double sentBy(MeterRegistry registry) {
        var counter = registry.find("turno.notifications.attempts")
                .tag("channel", "WHATSAPP")
                .tag("outcome", "SENT")
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
