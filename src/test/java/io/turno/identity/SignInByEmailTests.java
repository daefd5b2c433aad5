package io.turno.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.turno.PageSession;
import io.turno.SignedIn;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Seed 000 signs in by email: the API's login and the sign-in page take a username or an email; an
 * email two users of the organization share signs in neither, with the very answer of an unknown name.
 */
@TurnoTest
class SignInByEmailTests {

    @RegisterExtension
    final SignedIn signedIn = new SignedIn();

    @LocalServerPort
    int port;

    TestHttp http;
    String admin;
    String suffix;

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
        admin = signedIn.demo("admin", "Admin123!");
        suffix = UUID.randomUUID().toString().substring(0, 8);
    }

    void user(String username, String email) {
        var created = http.call("POST", "/api/v1/users", admin, """
                {"username": "%s", "full_name": "Operadora %s", "email": "%s",
                 "password": "Procesos-2026", "roles": ["RECEPTIONIST"]}""".formatted(username, username, email));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    java.net.http.HttpResponse<String> login(String name, String password) {
        return http.postJson("/api/v1/auth/login", """
                {"tenant": "demo", "username": "%s", "password": "%s"}""".formatted(name, password));
    }

    @Test
    void theApiTakesTheEmailInsteadOfTheUsernameInAnyCase() {
        user("op-" + suffix, "Op." + suffix + "@Procesos.example");

        var byEmail = login("op." + suffix + "@procesos.example", "Procesos-2026");
        assertThat(byEmail.statusCode()).as(byEmail.body()).isEqualTo(200);
        String token = TestHttp.json(byEmail).get("access_token").asString();
        var me = http.call("GET", "/api/v1/auth/me", token, null);
        assertThat(TestHttp.json(me).get("username").asString()).isEqualTo("op-" + suffix);
        http.call("POST", "/api/v1/auth/logout", token, null);

        assertThat(login("op-" + suffix, "Procesos-2026").statusCode()).isEqualTo(200);
        assertThat(login("op." + suffix + "@procesos.example", "Wrong-2026").statusCode())
                .isEqualTo(401);
    }

    @Test
    void aSharedEmailSignsInNobodyAndAnswersAsAnUnknownNameDoes() {
        String shared = "mesa-" + suffix + "@procesos.example";
        user("a-" + suffix, shared);
        user("b-" + suffix, shared);

        var sharedAnswer = login(shared, "Procesos-2026");
        var unknownAnswer = login("nadie-" + suffix + "@procesos.example", "Procesos-2026");
        assertThat(sharedAnswer.statusCode()).isEqualTo(401);
        assertThat(unknownAnswer.statusCode()).isEqualTo(401);
        assertThat(withoutRequestId(sharedAnswer.body())).isEqualTo(withoutRequestId(unknownAnswer.body()));

        // Each still signs in by username.
        assertThat(login("a-" + suffix, "Procesos-2026").statusCode()).isEqualTo(200);
    }

    @Test
    void aUsernameWinsOverAnotherUsersEqualEmail() {
        String name = "dual-" + suffix + "@procesos.example";
        user(name, "otra-" + suffix + "@procesos.example");
        user("dual2-" + suffix, name);

        var answer = login(name, "Procesos-2026");
        assertThat(answer.statusCode()).isEqualTo(200);
        String token = TestHttp.json(answer).get("access_token").asString();
        assertThat(TestHttp.json(http.call("GET", "/api/v1/auth/me", token, null))
                        .get("username")
                        .asString())
                .isEqualTo(name);
        http.call("POST", "/api/v1/auth/logout", token, null);
    }

    @Test
    void theSignInPageTakesTheEmailAndNamesTheFieldForIt() {
        user("pg-" + suffix, "pg-" + suffix + "@procesos.example");

        var session = PageSession.signIn(http, "demo", "pg-" + suffix + "@procesos.example", "Procesos-2026");
        assertThat(session.get("/").body()).contains("Operadora pg-" + suffix);

        var form = http.get("/login");
        assertThat(form.body()).contains("Usuario o correo");
    }

    private static String withoutRequestId(String body) {
        return body.replaceAll("\"request_id\"\\s*:\\s*\"[^\"]*\"", "");
    }
}
