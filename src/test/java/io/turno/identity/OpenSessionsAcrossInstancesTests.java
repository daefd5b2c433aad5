package io.turno.identity;

import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.function.IntSupplier;
import javax.sql.DataSource;

import io.turno.TestDatabase;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An instance answers a token it checked a moment ago from memory (SessionCache). Two instances on
 * one database: whatever ends a session or changes its user on one reaches the other through
 * channel {@code turno_identity}, and a listener that loses its connection stops serving from
 * memory, because it may have missed a notification.
 */
@TurnoTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenSessionsAcrossInstancesTests {

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    JdbcClient owner;
    ConfigurableApplicationContext second;
    TestHttp first;
    TestHttp other;

    @BeforeAll
    void startSecondInstance() throws Exception {
        owner = TestDatabase.owner(dataSource);
        second = TestDatabase.secondInstance(dataSource);
        first = new TestHttp(port);
        other = TestDatabase.http(second);
    }

    @Test
    void aLogoutOnOneInstanceEndsTheSessionOnTheOther() {
        String token = first.demoToken("viewer", "Viewer123!");
        assertThat(me(other, token)).isEqualTo(200);

        assertThat(first.call("POST", "/api/v1/auth/logout", token, null).statusCode())
                .isEqualTo(204);
        assertThat(me(first, token)).as("at once on the instance that ended it").isEqualTo(401);
        assertThat(soon(401, () -> me(other, token))).isEqualTo(401);
    }

    @Test
    void aSessionEndedWithoutNotificationIsServedFromMemory() {
        String token = first.demoToken("operator", "Operator123!");
        assertThat(me(other, token)).isEqualTo(200);
        endSessionsUnnotified("operator");
        // What the notification is for: without it, the instance would go on answering from memory.
        assertThat(me(other, token)).isEqualTo(200);
    }

    @Test
    void deactivatingAUserOnOneInstanceRefusesTheirTokensOnTheOther() {
        String admin = first.demoToken("admin", "Admin123!");
        var created = first.call("POST", "/api/v1/users", admin, """
                {"username": "temporal", "full_name": "Usuario Temporal", "email": "temporal@demo.test",
                 "password": "Temporal123!", "roles": ["VIEWER"]}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json(created).get("id").asString();
        String token = first.demoToken("temporal", "Temporal123!");
        assertThat(me(other, token)).isEqualTo(200);

        assertThat(first.call("DELETE", "/api/v1/users/" + id, admin, null).statusCode())
                .isEqualTo(204);
        assertThat(soon(401, () -> me(other, token))).isEqualTo(401);
    }

    @Test
    void aPermissionGrantedOnOneInstanceIsHeldOnTheOther() {
        String admin = first.demoToken("admin", "Admin123!");
        String token = first.demoToken("therapist", "Therapist123!");
        assertThat(other.call("GET", "/api/v1/audit", token, null).statusCode()).isEqualTo(403);
        String userId = json(other.call("GET", "/api/v1/auth/me", token, null))
                .get("user_id")
                .asString();

        first.call("POST", "/api/v1/permissions/assign", admin, """
                {"user_id": "%s", "permissions": ["audit:read"]}""".formatted(userId));
        assertThat(soon(
                        200,
                        () -> other.call("GET", "/api/v1/audit", token, null).statusCode()))
                .isEqualTo(200);
        first.call("POST", "/api/v1/permissions/assign", admin, """
                {"user_id": "%s", "permissions": []}""".formatted(userId));
        assertThat(soon(
                        403,
                        () -> other.call("GET", "/api/v1/audit", token, null).statusCode()))
                .isEqualTo(403);
    }

    /** Last: the listeners take a moment to come back, and meanwhile nothing is served from memory. */
    @Test
    @Order(Integer.MAX_VALUE)
    void anInstanceWhoseListenerLostItsConnectionStopsServingFromMemory() {
        String token = first.demoToken("manager", "Manager123!");
        assertThat(me(other, token)).isEqualTo(200);
        // Both instances' listeners go; the session ends while neither can hear it.
        owner.sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN turno_identity'")
                .query()
                .listOfRows();
        endSessionsUnnotified("manager");
        assertThat(soon(401, () -> me(other, token))).isEqualTo(401);
    }

    /** Ends the user's sessions behind the application's back, with the notifying trigger off. */
    private void endSessionsUnnotified(String username) {
        owner.sql("ALTER TABLE user_sessions DISABLE TRIGGER user_sessions_ended")
                .update();
        try {
            owner.sql("UPDATE user_sessions SET ended_at = now(), end_reason = 'REVOKED' WHERE ended_at IS NULL "
                            + "AND user_id = (SELECT id FROM users WHERE username = :username)")
                    .param("username", username)
                    .update();
        } finally {
            owner.sql("ALTER TABLE user_sessions ENABLE TRIGGER user_sessions_ended")
                    .update();
        }
    }

    private static int me(TestHttp http, String token) {
        return http.call("GET", "/api/v1/auth/me", token, null).statusCode();
    }

    /** {@code expected} as soon as it is answered, within 5 s: a notification takes milliseconds. */
    private static int soon(int expected, IntSupplier status) {
        return await().atMost(Duration.ofSeconds(5))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(50))
                .until(status::getAsInt, now -> now == expected);
    }
}
