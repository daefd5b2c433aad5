package io.turno.web;

import static io.turno.TestHttp.assertProblem;
import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;

import io.turno.TestHttp;
import io.turno.TurnoTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Every way a request can be wrong answers problem+json with a stable code, through real HTTP,
 * Tomcat and the security chain. A probe controller ({@link HttpProbe}) stands in for a module's endpoint.
 */
@TurnoTest
class HttpConventionsTests {

    @LocalServerPort
    int port;

    TestHttp http;

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
    }

    @Test
    void onlyOriginsOnTheAllowListMayCallTheApiFromABrowser() {
        var allowed = http.send(http.request("/api/v1/auth/me")
                .header("Origin", "https://panel.example")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://panel.example");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Credentials"))
                .isEmpty();

        var refused = http.send(http.request("/api/v1/auth/me")
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void malformedJsonIsA400Problem() {
        var response = http.postJson("/api/v1/probe", "{bad");
        assertProblem(response, 400, "MALFORMED_REQUEST");
    }

    @Test
    void malformedJsonOnAProtectedPathIsA401ProblemNeverA500() {
        var response = http.postJson("/api/v1/anything", "{bad");
        assertProblem(response, 401, "AUTHENTICATION_REQUIRED");
    }

    @Test
    void wrongContentTypeIsA415ProblemNamingTheAcceptedType() {
        var response = http.send(http.request("/api/v1/probe")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("name=x")));
        assertProblem(response, 415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(json(response).get("detail").asString()).contains("application/json");
    }

    @Test
    void validationFailuresListEveryField() {
        var response = http.postJson("/api/v1/probe", """
                {"name": "", "seats": 40, "email": "not-an-email"}""");
        JsonNode problem = assertProblem(response, 422, "VALIDATION_FAILED");
        assertThat(problem.get("errors").valueStream().map(e -> e.get("field").asString()))
                .containsExactlyInAnyOrder("name", "seats", "email");
    }

    @Test
    void anUnknownPropertyIsRefusedByItsPathInTheCallersLanguage() {
        var camelCase = http.postJson("/api/v1/probe", """
                {"name": "Ana", "seats": 2, "preferredDesk": "B"}""");
        JsonNode problem = assertProblem(camelCase, 422, "VALIDATION_FAILED");
        assertThat(problem.get("detail").asString())
                .isEqualTo(
                        "La propiedad «preferredDesk» no existe en esta solicitud; revisa su nombre (el JSON de la API usa snake_case).");
        assertThat(problem.get("errors").valueStream().map(e -> e.get("field").asString()))
                .containsExactly("preferredDesk");

        var nested = http.send(http.request("/api/v1/probe")
                .header("Content-Type", "application/json")
                .header("Accept-Language", "en")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"name": "Ana", "seats": 2, "guests": [{"name": "Luis"}, {"name": "Eva", "age": 7}]}""")));
        assertThat(assertProblem(nested, 422, "VALIDATION_FAILED").get("detail").asString())
                .startsWith("Unknown property \"guests[1].age\"");
    }

    @Test
    void aPathParameterOfTheWrongShapeIsAValidationFailure() {
        var response = http.get("/api/v1/probe/items/not-a-uuid");
        JsonNode problem = assertProblem(response, 422, "VALIDATION_FAILED");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("id");
    }

    @Test
    void unknownPathIsA404Problem() {
        assertProblem(http.get("/api/v1/probe/nothing/here"), 404, "NOT_FOUND");
    }

    @Test
    void wrongMethodIsA405ProblemWithAllow() {
        var response = http.send(http.request("/api/v1/probe").DELETE());
        assertProblem(response, 405, "METHOD_NOT_ALLOWED");
        assertThat(response.headers().firstValue("Allow"))
                .hasValueSatisfying(allow -> assertThat(allow).contains("POST"));
    }

    @Test
    void aDatabaseRefusalIsAConflictABadValueOrOurFaultByItsSqlState() {
        assertProblem(http.get("/api/v1/probe/database/23505"), 409, "CONFLICT");
        var tooLong = assertProblem(http.get("/api/v1/probe/database/22001"), 422, "VALIDATION_FAILED");
        assertThat(tooLong.get("detail").asString()).doesNotContain("ana@example.com");
        assertProblem(http.get("/api/v1/probe/database/42P01"), 500, "INTERNAL_ERROR");
    }

    @Test
    void unexpectedExceptionIsA500WithTheRequestIdAndNoInternals() {
        var response = http.get("/api/v1/probe/boom");
        JsonNode problem = assertProblem(response, 500, "INTERNAL_ERROR");
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(problem.get("request_id").asString()).isEqualTo(requestId);
        assertThat(response.body()).doesNotContain("hunter2", "IllegalStateException", "at io.turno");
    }

    @Test
    void validRequestsStillWorkAndUseSnakeCase() {
        var response = http.postJson("/api/v1/probe", """
                {"name": "Ana", "seats": 2, "email": "ana@example.com", "preferred_desk": "B"}""");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("preferred_desk").asString()).isEqualTo("B");
    }

    @Test
    void messagesAreSpanishByDefaultAndEnglishOnRequest() {
        var spanish = http.get("/api/v1/probe/nothing");
        var english = http.send(http.request("/api/v1/probe/nothing").header("Accept-Language", "en-US,en;q=0.9"));
        assertThat(json(spanish).get("detail").asString()).startsWith("No existe");
        assertThat(json(english).get("detail").asString()).startsWith("There is no resource");
    }

    @Test
    void everyResponseCarriesARequestIdAndTheCallersSaneIdIsKept() {
        var own = http.send(http.request("/health").header("X-Request-Id", "req-12345678"));
        var hostile = http.send(http.request("/health").header("X-Request-Id", "<script>"));
        assertThat(own.headers().firstValue("X-Request-Id")).hasValue("req-12345678");
        assertThat(hostile.headers().firstValue("X-Request-Id"))
                .hasValueSatisfying(id -> assertThat(id).hasSize(36));
    }

    @Test
    void healthAnswersAsTheSeedsExpect() {
        var response = http.get("/health");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("status").asString()).isEqualTo("healthy");
        assertThat(json(response).get("app").asString()).isEqualTo("turno");
    }

    @Test
    void securityHeadersArePresentAndThereIsNoServerBanner() {
        var response = http.get("/health");
        assertThat(response.headers().firstValue("Server")).isEmpty();
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
        assertThat(response.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'", "frame-ancestors 'none'"));
    }

    @Test
    void openApiPrometheusAndSwaggerUiAreServed() {
        var apiDocs = http.get("/v3/api-docs");
        assertThat(apiDocs.statusCode()).isEqualTo(200);
        assertThat(json(apiDocs).get("openapi").asString()).startsWith("3.1");
        assertThat(json(apiDocs).get("info").get("title").asString()).isEqualTo("Turno API");

        var prometheus = http.get("/actuator/prometheus");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("jvm_memory_used_bytes");

        var docs = http.get("/api/docs");
        assertThat(docs.statusCode()).isEqualTo(302);
        String location = docs.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
        var ui = http.get(location);
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui");
    }
}
