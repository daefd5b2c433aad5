package io.turno.identity;

import static io.turno.TestHttp.assertProblem;
import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.turno.MutableClock;
import io.turno.TestHttp;
import io.turno.TurnoApplication;
import io.turno.TurnoTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * SPEC §1 rate limits through real HTTP, with the per-minute limit lowered to 20. The server
 * listens on 127.0.0.1; binding the client to other loopback addresses (127.0.0.2 …) gives
 * requests a different client IP. Windows are whole minutes of the application's clock, which each
 * test moves to the start of a minute, so a burst never straddles two windows.
 */
@TurnoTest
@TestPropertySource(
        properties = {
            "turno.identity.rate-limit.enabled=true",
            "turno.identity.rate-limit.requests-per-minute=20",
            "turno.identity.rate-limit.login-requests-per-minute=10"
        })
class RateLimitTests {

    static final int LIMIT = 20;

    @LocalServerPort
    int port;

    JdbcClient jdbc;

    @Autowired
    void ownerConnection(javax.sql.DataSource dataSource) {
        jdbc = io.turno.TestDatabase.owner(dataSource);
    }

    @Autowired
    DataSource dataSource;

    @Autowired
    MutableClock clock;

    TestHttp http;

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
        startANewWindow();
        jdbc.sql("DELETE FROM identity_rate_limits").update();
    }

    @Test
    void theRequestAfterTheLimitIsRefusedWithRetryAfter() {
        String token = login("admin", "Admin123!");
        jdbc.sql("DELETE FROM identity_rate_limits").update();

        for (int i = 0; i < LIMIT; i++) {
            assertThat(me(port, "127.0.0.1", token).statusCode()).isEqualTo(200);
        }
        var refused = me(port, "127.0.0.1", token);
        JsonNode problem = assertProblem(refused, 429, "RATE_LIMITED");
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        long retryAfter =
                Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 60L);

        // Another client IP has its own bucket …
        assertThat(me(port, "127.0.0.2", null).statusCode()).isEqualTo(401);
        // … but the user's bucket is full too: 20 counted, the refused request stopped at the IP.
        assertThat(count("user:%")).isEqualTo(LIMIT);
    }

    @Test
    void aUserIsLimitedAcrossClientAddresses() {
        String token = login("manager", "Manager123!");
        jdbc.sql("DELETE FROM identity_rate_limits").update();

        for (int i = 0; i < LIMIT; i++) {
            String ip = "127.0.0." + (2 + i % 4);
            assertThat(me(port, ip, token).statusCode()).isEqualTo(200);
        }
        assertProblem(me(port, "127.0.0.9", token), 429, "RATE_LIMITED");
        assertThat(me(port, "127.0.0.9", null).statusCode())
                .as("the IP itself is not limited")
                .isEqualTo(401);
    }

    @Test
    void loginAndRefreshShareAStricterPerIpLimit() {
        for (int i = 0; i < 5; i++) {
            assertProblem(http.postJson("/api/v1/auth/login", """
                    {"tenant": "nobody", "username": "nobody", "password": "wrong-%d"}""".formatted(i)), 401, "INVALID_CREDENTIALS");
            assertThat(http.postJson("/api/v1/auth/refresh", "{\"refresh_token\": \"junk." + i + "\"}")
                            .statusCode())
                    .isNotEqualTo(429);
        }
        var refused = http.postJson("/api/v1/auth/login", """
                {"tenant": "demo", "username": "viewer", "password": "Viewer123!"}""");
        assertProblem(refused, 429, "RATE_LIMITED");
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(1L, 60L);

        assertThat(me(port, "127.0.0.1", null).statusCode())
                .as("other API routes are not affected")
                .isEqualTo(401);
    }

    @Test
    void theFormsAnyoneMayPostShareTheLoginLimitAndOtherPagesAreNotLimited() {
        var page = http.get("/password/forgot");
        String cookie = page.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("TURNO_SESSION="))
                .map(c -> c.substring("TURNO_SESSION=".length(), c.indexOf(';')))
                .findFirst()
                .orElseThrow();
        var csrf = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
                .matcher(page.body());
        assertThat(csrf.find()).isTrue();
        java.util.function.Supplier<HttpResponse<String>> ask = () -> http.send(http.request("/password/forgot")
                .header("Cookie", "TURNO_SESSION=" + cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("tenant=nadie&login=nadie&_csrf=" + csrf.group(1))));
        for (int i = 0; i < 10; i++) {
            assertThat(ask.get().statusCode()).as("request " + (i + 1)).isEqualTo(302);
        }
        var refused = ask.get();
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(http.get("/password/forgot").statusCode())
                .as("reading the page is not limited")
                .isEqualTo(200);
        assertProblem(http.postJson("/api/v1/auth/login", """
                        {"tenant": "demo", "username": "viewer", "password": "Viewer123!"}"""), 429, "RATE_LIMITED");
    }

    @Test
    void twoInstancesOnOneDatabaseShareTheLimit() throws Exception {
        String url = dataSource.unwrap(HikariDataSource.class).getJdbcUrl();
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(TurnoApplication.class)
                .run(
                        "--spring.datasource.url=" + url,
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=",
                        "--server.port=0",
                        "--turno.identity.rate-limit.enabled=true",
                        "--turno.identity.rate-limit.requests-per-minute=" + LIMIT)) {
            int secondPort = Integer.parseInt(second.getEnvironment().getRequiredProperty("local.server.port"));
            // The other instance runs on real time: its window is this one's or an earlier one, and a
            // bucket never moves back to an earlier window, so both count into one.
            startANewWindow();
            jdbc.sql("DELETE FROM identity_rate_limits").update();

            for (int i = 0; i < LIMIT; i++) {
                int target = i % 2 == 0 ? port : secondPort;
                assertThat(me(target, "127.0.0.1", null).statusCode()).isEqualTo(401);
            }
            // Each instance alone has seen only 10 requests; together they have seen the limit.
            assertProblem(me(port, "127.0.0.1", null), 429, "RATE_LIMITED");
            assertProblem(me(secondPort, "127.0.0.1", null), 429, "RATE_LIMITED");
            assertThat(count("ip:127.0.0.1")).isEqualTo(LIMIT + 2);
        }
    }

    @Test
    void parallelRequestsNeverGetPastTheLimit() throws Exception {
        int requests = 3 * LIMIT;
        var tasks = new ArrayList<Callable<Integer>>();
        for (int i = 0; i < requests; i++) {
            tasks.add(() -> me(port, "127.0.0.1", null).statusCode());
        }
        int passed = 0;
        int refused = 0;
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<Integer> status : executor.invokeAll(tasks)) {
                switch (status.get()) {
                    case 401 -> passed++;
                    case 429 -> refused++;
                    default -> throw new AssertionError("unexpected status " + status.get());
                }
            }
        }
        assertThat(passed).isEqualTo(LIMIT);
        assertThat(refused).isEqualTo(requests - LIMIT);
    }

    private String login(String username, String password) {
        var response = http.postJson("/api/v1/auth/login", """
                {"tenant": "demo", "username": "%s", "password": "%s"}""".formatted(username, password));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).get("access_token").asString();
    }

    /** GET /api/v1/auth/me on the given instance, sent from the given loopback address. */
    private static HttpResponse<String> me(int port, String clientIp, String token) {
        try {
            var client = HttpClient.newBuilder()
                    .localAddress(InetAddress.getByName(clientIp))
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            try (client) {
                var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/auth/me"))
                        .timeout(Duration.ofSeconds(30))
                        .GET();
                if (token != null) {
                    request.header("Authorization", "Bearer " + token);
                }
                return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private int count(String keyPattern) {
        return jdbc.sql("SELECT coalesce(sum(request_count), 0) FROM identity_rate_limits WHERE bucket_key LIKE ?")
                .param(keyPattern)
                .query(Integer.class)
                .single();
    }

    /** Windows are whole minutes: the application's clock moves to the start of the next one. */
    private void startANewWindow() {
        Instant now = clock.instant();
        clock.advance(Duration.between(now, now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES)));
    }
}
