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
 * Seed 000 signs in by email: the API's login and the sign-in page take a username or an email, so
 * each names one account of the organization: an email or username another account signs in with is
 * refused (409 naming the field, and next to it on the user form).
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

    java.net.http.HttpResponse<String> create(String username, String email) {
        return http.call("POST", "/api/v1/users", admin, """
                {"username": "%s", "full_name": "Operadora %s", "email": "%s",
                 "password": "Procesos-2026", "roles": ["RECEPTIONIST"]}""".formatted(username, username, email));
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
    void anEmailOrUsernameAnotherAccountSignsInWithIsRefusedNamingTheField() {
        String email = "mesa-" + suffix + "@procesos.example";
        user("a-" + suffix, email);

        // The same email in other letters, on a new user or an existing one: 409 naming email.
        var again = create("b-" + suffix, email.toUpperCase());
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(again.body()).contains("\"email\"").contains("CONFLICT");
        var other = create("c-" + suffix, "c-" + suffix + "@procesos.example");
        assertThat(other.statusCode()).isEqualTo(201);
        var moved = http.call(
                "PUT", "/api/v1/users/" + TestHttp.json(other).get("id").asString(), admin, """
                {"email": "%s"}""".formatted(email));
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(409);
        assertThat(moved.body()).contains("\"email\"");
        // A username that is another's email, and an email that is another's username: either would be ambiguous.
        var asUsername = create(email, "d-" + suffix + "@procesos.example");
        assertThat(asUsername.statusCode()).as(asUsername.body()).isEqualTo(409);
        assertThat(asUsername.body()).contains("\"username\"");
        String username = "h." + suffix + "@procesos.example";
        user(username, "h-" + suffix + "@procesos.example");
        var asEmail = create("e-" + suffix, username);
        assertThat(asEmail.statusCode()).as(asEmail.body()).isEqualTo(409);
        assertThat(asEmail.body()).contains("\"email\"");
        // Keeping one's own email is no conflict.
        var kept = http.call(
                "PUT", "/api/v1/users/" + TestHttp.json(other).get("id").asString(), admin, """
                {"email": "C-%s@procesos.example", "full_name": "Otra"}""".formatted(suffix));
        assertThat(kept.statusCode()).as(kept.body()).isEqualTo(200);

        var answer = login(email, "Procesos-2026");
        assertThat(answer.statusCode()).isEqualTo(200);
        String token = TestHttp.json(answer).get("access_token").asString();
        assertThat(TestHttp.json(http.call("GET", "/api/v1/auth/me", token, null))
                        .get("username")
                        .asString())
                .isEqualTo("a-" + suffix);
        http.call("POST", "/api/v1/auth/logout", token, null);
    }

    @Test
    void theUserFormSaysTheEmailIsTakenNextToItAndKeepsWhatWasTyped() {
        String email = "form-" + suffix + "@procesos.example";
        user("f-" + suffix, email);
        var page = PageSession.signIn(http, "demo", "admin", "Admin123!");
        var refused = page.post(
                "/users",
                "username",
                "g-" + suffix,
                "fullName",
                "Nueva Persona",
                "email",
                email,
                "password",
                "Procesos-2026",
                "roles",
                "RECEPTIONIST");
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body())
                .contains("id=\"email-error\"")
                .contains("ya es el usuario o el correo de otra cuenta")
                .contains("value=\"g-" + suffix + "\"")
                .contains("Nueva Persona");
    }

    @Test
    void theSignInPageTakesTheEmailAndNamesTheFieldForIt() {
        user("pg-" + suffix, "pg-" + suffix + "@procesos.example");

        var session = PageSession.signIn(http, "demo", "pg-" + suffix + "@procesos.example", "Procesos-2026");
        assertThat(session.get("/").body()).contains("Operadora pg-" + suffix);

        var form = http.get("/login");
        assertThat(form.body()).contains("Usuario o correo");
    }
}
