package io.turno.identity;

import static io.turno.TestHttp.assertProblem;
import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.turno.MutableClock;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The token API of SPEC §1 through real HTTP; each test signs in as a different demo user. */
@TurnoTest
class AuthApiTests {

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    JdbcClient jdbc;

    @Autowired
    void ownerConnection(javax.sql.DataSource dataSource) {
        jdbc = io.turno.TestDatabase.owner(dataSource);
    }

    TestHttp http;

    /** Tokens this test signed in with: signed out afterwards, so other tests count only their own sessions. */
    final List<String> tokens = new ArrayList<>();

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
    }

    @AfterEach
    void signOut() {
        tokens.forEach(token -> post("/api/v1/auth/logout", token, ""));
    }

    @Test
    void theSeedsCurlSession() {
        // The context is shared: the seed's password comes back afterwards, for the tests that sign in with it.
        String manager = "username = 'manager' AND tenant_id = (SELECT id FROM tenants WHERE slug = 'demo')";
        String seeded = jdbc.sql("SELECT password_hash FROM users WHERE " + manager)
                .query(String.class)
                .single();
        try {
            changeThePasswordAndSignOut();
        } finally {
            jdbc.sql("UPDATE users SET password_hash = :hash WHERE " + manager)
                    .param("hash", seeded)
                    .update();
        }
    }

    private void changeThePasswordAndSignOut() {
        JsonNode tokens = login("manager", "Manager123!");
        assertThat(tokens.get("token_type").asString()).isEqualTo("bearer");
        assertThat(tokens.get("expires_in").asLong()).isEqualTo(1800);
        String access = tokens.get("access_token").asString();

        var me = get("/api/v1/auth/me", access);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(json(me).get("username").asString()).isEqualTo("manager");
        assertThat(json(me).get("tenant").asString()).isEqualTo("demo");
        assertThat(json(me).get("roles").get(0).asString()).isEqualTo("MANAGER");
        assertThat(me.body()).doesNotContain("password");

        var change = post("/api/v1/auth/change-password", access, """
                {"current_password": "Manager123!", "new_password": "Nueva-Clave-2026"}""");
        assertThat(change.statusCode()).isEqualTo(204);
        assertThat(login("manager", "Nueva-Clave-2026").get("access_token")).isNotNull();

        assertThat(post("/api/v1/auth/logout", access, "").statusCode()).isEqualTo(204);
        assertProblem(get("/api/v1/auth/me", access), 401, "TOKEN_INVALID");
    }

    @Test
    void aWeakNewPasswordIsRefusedAndChangesNothing() {
        String access =
                login("supervisor", "Supervisor123!").get("access_token").asString();
        assertProblem(post("/api/v1/auth/change-password", access, """
                {"current_password": "Supervisor123!", "new_password": "short"}"""), 422, "VALIDATION_FAILED");
        assertProblem(post("/api/v1/auth/change-password", access, """
                {"current_password": "wrong", "new_password": "Valid-Password-1"}"""), 401, "INVALID_CREDENTIALS");
        assertThat(login("supervisor", "Supervisor123!").get("access_token")).isNotNull();
    }

    @Test
    void wrongCredentialsGetOneAnswerWhateverWasWrong() {
        var wrongPassword = rawLogin("demo", "viewer", "nope");
        var wrongUser = rawLogin("demo", "nobody", "Viewer123!");
        var wrongTenant = rawLogin("elsewhere", "viewer", "Viewer123!");
        for (var response : java.util.List.of(wrongPassword, wrongUser, wrongTenant)) {
            JsonNode problem = assertProblem(response, 401, "INVALID_CREDENTIALS");
            assertThat(problem.get("detail").asString()).isEqualTo("Credenciales inválidas");
        }
        assertProblem(http.postJson("/api/v1/auth/login", "{\"tenant\": \"demo\"}"), 422, "VALIDATION_FAILED");
    }

    @Test
    void fiveWrongPasswordsLockTheAccountUntilTheLockExpires() {
        for (int i = 0; i < 5; i++) {
            assertProblem(rawLogin("demo", "operator", "wrong-" + i), 401, "INVALID_CREDENTIALS");
        }
        var locked = rawLogin("demo", "operator", "Operator123!");
        assertProblem(locked, 423, "ACCOUNT_LOCKED");
        long retryAfter =
                Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(14 * 60L, 15 * 60L);

        clock.advance(Duration.ofMinutes(16));
        assertThat(rawLogin("demo", "operator", "Operator123!").statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE actor_name = 'operator' AND action = 'LOCKED'")
                        .query(Long.class)
                        .single())
                .isOne();
    }

    @Test
    void oneAddressGuessingManyAccountsIsLockedOutLikeOneAccount() {
        jdbc.sql("DELETE FROM identity_ip_failures").update();
        try {
            for (int i = 0; i < 19; i++) {
                assertProblem(
                        rawLogin(i % 2 == 0 ? "demo" : "elsewhere", "guess" + i, "wrong"), 401, "INVALID_CREDENTIALS");
            }
            assertThat(rawLogin("demo", "supervisor", "Supervisor123!").statusCode())
                    .as("a success from the address starts the count over")
                    .isEqualTo(200);
            for (int i = 0; i < 20; i++) {
                assertProblem(rawLogin("demo", "guess" + i, "wrong"), 401, "INVALID_CREDENTIALS");
            }
            var locked = assertProblem(rawLogin("demo", "supervisor", "Supervisor123!"), 423, "ACCOUNT_LOCKED");
            assertThat(locked.get("detail").asString()).contains("dirección");

            clock.advance(Duration.ofMinutes(16));
            assertThat(rawLogin("demo", "supervisor", "Supervisor123!").statusCode())
                    .isEqualTo(200);
        } finally {
            jdbc.sql("DELETE FROM identity_ip_failures").update();
        }
    }

    @Test
    void aReusedRefreshTokenEndsTheSession() {
        JsonNode first = login("reception", "Reception123!");
        var refreshed = refresh(first.get("refresh_token").asString());
        assertThat(refreshed.statusCode()).isEqualTo(200);
        String newAccess = json(refreshed).get("access_token").asString();
        assertThat(get("/api/v1/auth/me", newAccess).statusCode()).isEqualTo(200);

        assertProblem(refresh(first.get("refresh_token").asString()), 401, "TOKEN_INVALID");
        assertProblem(get("/api/v1/auth/me", newAccess), 401, "TOKEN_INVALID");
        assertProblem(refresh(json(refreshed).get("refresh_token").asString()), 401, "TOKEN_INVALID");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'TOKEN_REUSE'")
                        .query(Long.class)
                        .single())
                .isPositive();
    }

    @Test
    void aFourthLoginEndsTheOldestSession() {
        String oldest = login("therapist", "Therapist123!").get("access_token").asString();
        String second = login("therapist", "Therapist123!").get("access_token").asString();
        login("therapist", "Therapist123!");
        String fourth = login("therapist", "Therapist123!").get("access_token").asString();

        assertProblem(get("/api/v1/auth/me", oldest), 401, "TOKEN_INVALID");
        assertThat(get("/api/v1/auth/me", second).statusCode()).isEqualTo(200);
        var sessions = get("/api/v1/auth/sessions", fourth);
        assertThat(json(sessions).size()).isEqualTo(3);
    }

    @Test
    void anIdleSessionExpiresAndCannotBeRefreshed() {
        JsonNode tokens = login("patient", "Patient123!");
        clock.advance(Duration.ofMinutes(31));
        assertProblem(get("/api/v1/auth/me", tokens.get("access_token").asString()), 401, "TOKEN_EXPIRED");
        assertProblem(refresh(tokens.get("refresh_token").asString()), 401, "TOKEN_INVALID");
    }

    @Test
    void aUserEndsTheirOwnSessionButNobodyElses() {
        String mine = login("admin", "Admin123!").get("access_token").asString();
        String other = login("admin", "Admin123!").get("access_token").asString();
        String otherId =
                json(get("/api/v1/auth/sessions", other)).get(0).get("id").asString();
        assertThat(http.send(http.request("/api/v1/auth/sessions/" + otherId)
                                .header("Authorization", "Bearer " + mine)
                                .DELETE())
                        .statusCode())
                .isEqualTo(204);
        assertProblem(get("/api/v1/auth/me", other), 401, "TOKEN_INVALID");

        String viewer = login("viewer", "Viewer123!").get("access_token").asString();
        String adminSession =
                json(get("/api/v1/auth/sessions", mine)).get(0).get("id").asString();
        assertProblem(
                http.send(http.request("/api/v1/auth/sessions/" + adminSession)
                        .header("Authorization", "Bearer " + viewer)
                        .DELETE()),
                404,
                "NOT_FOUND");
    }

    @Test
    void aLegacyBcryptPasswordStillSignsInAndIsRehashedWithArgon2id() {
        String legacy = new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder().encode("Legacy-Pass-1");
        jdbc.sql("""
                INSERT INTO users (id, tenant_id, username, full_name, password_hash)
                SELECT gen_random_uuid(), id, 'legado', 'Usuario Legado', :hash FROM tenants WHERE slug = 'demo'
                """).param("hash", legacy).update();
        assertThat(legacy).startsWith("$2a$");

        assertThat(login("legado", "Legacy-Pass-1").get("access_token")).isNotNull();
        String rehashed = jdbc.sql("SELECT password_hash FROM users WHERE username = 'legado'")
                .query(String.class)
                .single();
        assertThat(rehashed).startsWith("{argon2}$argon2id$");
        assertThat(login("legado", "Legacy-Pass-1").get("access_token")).isNotNull();
    }

    @Test
    void forgedTokensAreRejected() {
        JsonNode tokens = login("admin", "Admin123!");
        String access = tokens.get("access_token").asString();
        String[] parts = access.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);

        String none = b64("{\"alg\":\"none\"}") + "." + parts[1] + ".";
        String changedPayload = parts[0] + "." + b64(payload.replace("\"ADMIN\"", "\"SUPER_ADMIN\"")) + "." + parts[2];
        String wrongKey = parts[0] + "." + parts[1] + "." + parts[2].substring(0, 10) + "AAAA" + parts[2].substring(14);

        for (String forged : new String[] {
            none,
            changedPayload,
            wrongKey,
            "garbage",
            tokens.get("refresh_token").asString()
        }) {
            assertProblem(get("/api/v1/auth/me", forged), 401, "TOKEN_INVALID");
        }
        assertProblem(get("/api/v1/auth/me", null), 401, "AUTHENTICATION_REQUIRED");
    }

    private JsonNode login(String username, String password) {
        var response = rawLogin("demo", username, password);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private HttpResponse<String> rawLogin(String tenant, String username, String password) {
        var response = http.postJson("/api/v1/auth/login", """
                {"tenant": "%s", "username": "%s", "password": "%s"}""".formatted(tenant, username, password));
        if (response.statusCode() == 200) {
            tokens.add(json(response).get("access_token").asString());
        }
        return response;
    }

    private HttpResponse<String> refresh(String refreshToken) {
        return http.postJson("/api/v1/auth/refresh", "{\"refresh_token\": \"" + refreshToken + "\"}");
    }

    private HttpResponse<String> get(String path, String token) {
        var request = http.request(path).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request);
    }

    private HttpResponse<String> post(String path, String token, String body) {
        return http.send(http.request(path)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
