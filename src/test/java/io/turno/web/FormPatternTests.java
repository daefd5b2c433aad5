package io.turno.web;

import static io.turno.PageSession.find;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.turno.PageSession;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The one form pattern (docs/web.md#forms) on the forms people use all day: a form sent with several
 * bad fields comes back with every message, each next to its field (the control points at it with
 * {@code aria-describedby}), listed in the summary at the top, and with every value typed — never
 * the password.
 */
@TurnoTest
class FormPatternTests {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern SESSION = Pattern.compile("TURNO_SESSION=([^;]+)");

    @LocalServerPort
    int port;

    TestHttp http;

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
    }

    @Test
    void aBookingWithoutATimeForAnUnknownPatientWithTooLongNotesKeepsTheDateAndTheNotes() {
        var reception = PageSession.signIn(http, "demo", "reception", "Reception123!");
        String page = reception.get("/appointments/new").body();
        String therapist = find(page, "name=\"therapist\" value=\"([0-9a-f-]{36})\"");
        String service = find(page, "name=\"service\" value=\"([0-9a-f-]{36})\"");
        String day = LocalDate.now(ZoneId.of("America/Bogota")).plusDays(9).toString();
        String notes = "Traer exámenes <previos> " + "x".repeat(2000);

        var refused = reception.post(
                "/appointments/new",
                "therapist",
                therapist,
                "service",
                service,
                "date",
                day,
                "documentType",
                "TI",
                "documentNumber",
                "99887766",
                "notes",
                notes);

        assertThat(refused.statusCode()).isEqualTo(200);
        String body = refused.body();
        assertErrorNextTo(body, "start", "Elige uno de los horarios libres.");
        assertErrorNextTo(
                body, "documentNumber", "No hay ningún paciente con el documento TI 99887766; regístralo primero");
        assertErrorNextTo(body, "notes", "Usa entre 0 y 2000 caracteres o elementos.");
        assertThat(summary(body)).contains("href=\"#start\"", "href=\"#documentNumber\"", "href=\"#notes\"");
        assertThat(valueOf(body, "documentNumber")).isEqualTo("99887766");
        assertThat(body).contains("<option value=\"TI\" selected=\"selected\"");
        // The textarea writes what was typed escaped, accents as entities.
        assertThat(body).contains("Traer ex&aacute;menes &lt;previos&gt; xxx");
        assertThat(valueOf(body, "date")).isEqualTo(day);
    }

    @Test
    void aPaymentWithoutDocumentWithABadAppointmentAmountAndConceptKeepsEveryValue() {
        var reception = PageSession.signIn(http, "demo", "reception", "Reception123!");
        String concept = "c".repeat(301);

        var refused = reception.post(
                "/billing/payments",
                "documentType",
                "CC",
                "documentNumber",
                "",
                "appointmentId",
                "cita-12",
                "concept",
                concept,
                "method",
                "TRANSFER",
                "amount",
                "veinte mil",
                "reference",
                "REF-77");

        assertThat(refused.statusCode()).isEqualTo(200);
        String body = refused.body();
        assertErrorNextTo(body, "documentNumber", "Escribe este dato; es obligatorio.");
        assertErrorNextTo(body, "appointmentId", "No es un identificador de cita");
        assertErrorNextTo(body, "concept", "Usa entre 0 y 300 caracteres o elementos.");
        assertErrorNextTo(body, "amount", "Escribe el valor con punto decimal, p. ej. 45000.00.");
        assertThat(summary(body)).contains("Número de documento: Escribe este dato", "Valor: Escribe el valor");
        assertThat(valueOf(body, "appointmentId")).isEqualTo("cita-12");
        assertThat(valueOf(body, "concept")).isEqualTo(concept);
        assertThat(valueOf(body, "amount")).isEqualTo("veinte mil");
        assertThat(valueOf(body, "reference")).isEqualTo("REF-77");
        assertThat(body).contains("<option value=\"TRANSFER\" selected=\"selected\"");

        var english = reception.inEnglish().post("/billing/payments", "documentNumber", "", "amount", "-5");
        assertErrorNextTo(english.body(), "documentNumber", "Write this in; it is required.");
        assertErrorNextTo(english.body(), "amount", "Write a value of 0.01 or more.");
    }

    @Test
    void aTillOpenedWithATooLongNameAndABadBalanceKeepsBothAndAClosingKeepsItsCount() {
        var reception = PageSession.signIn(http, "demo", "reception", "Reception123!");
        String longName = "Caja " + "n".repeat(60);

        var refused = reception.post("/billing/cash/open", "till", longName, "openingBalance", "doce mil");

        assertThat(refused.statusCode()).isEqualTo(200);
        assertErrorNextTo(refused.body(), "till", "Usa entre 0 y 60 caracteres o elementos.");
        assertErrorNextTo(
                refused.body(), "openingBalance", "Escribe la base inicial con punto decimal, p. ej. 200000.00.");
        assertThat(valueOf(refused.body(), "till")).isEqualTo(longName);
        assertThat(valueOf(refused.body(), "openingBalance")).isEqualTo("doce mil");

        String till = "Caja F" + UUID.randomUUID().toString().substring(0, 6);
        var cash = reception.submit("/billing/cash/open", "till", till, "openingBalance", "1000");
        String session = find(cash.body(), Pattern.quote(till) + "</h2>.*?/billing/cash/([0-9a-f-]{36})/close");
        var closing = reception.post(
                "/billing/cash/" + session + "/close", "countedCash", "mucho", "notes", "n".repeat(1001));
        assertThat(closing.statusCode()).isEqualTo(200);
        assertErrorNextTo(
                closing.body(), "countedCash", "Escribe el efectivo contado con punto decimal, p. ej. 180000.00.");
        assertErrorNextTo(closing.body(), "notes", "Usa entre 0 y 1000 caracteres o elementos.");
        assertThat(valueOf(closing.body(), "countedCash")).isEqualTo("mucho");
        assertThat(valueOf(closing.body(), "notes")).isEqualTo("n".repeat(1001));
        reception.submit("/billing/cash/" + session + "/close", "countedCash", "1000", "notes", "");
    }

    @Test
    void aNewUserShowsEveryProblemInOneSubmitTakenNameAndWeakPasswordIncludedButNotThePassword() {
        var admin = PageSession.signIn(http, "demo", "admin", "Admin123!");

        var refused = admin.post(
                "/users", "username", "viewer", "fullName", "", "email", "no-es-correo", "password", "corta1");

        assertThat(refused.statusCode()).isEqualTo(200);
        String body = refused.body();
        assertErrorNextTo(body, "username", "El usuario «viewer» ya existe en la organización.");
        assertErrorNextTo(body, "fullName", "Escribe este dato; es obligatorio.");
        assertErrorNextTo(body, "email", "Escribe un correo como nombre@ejemplo.com.");
        assertErrorNextTo(body, "password", "La contraseña debe tener al menos 8 caracteres");
        assertErrorNextTo(body, "roles", "Elige o escribe al menos uno.");
        assertThat(summary(body)).contains("href=\"#username\"", "href=\"#roles\"", "Usuario: El usuario");
        assertThat(valueOf(body, "username")).isEqualTo("viewer");
        assertThat(valueOf(body, "email")).isEqualTo("no-es-correo");
        assertThat(body).doesNotContain("corta1");
    }

    @Test
    void aRefusedSignInKeepsTheOrganizationAndTheUserAndSaysWhatIsMissing() {
        String someone = "nadie-" + UUID.randomUUID().toString().substring(0, 8);

        String page = signInAttempt(Map.of("tenant", "demo", "username", someone, "password", ""), "es");
        assertErrorNextTo(page, "password", "Escribe tu contraseña.");
        assertThat(valueOf(page, "tenant")).isEqualTo("demo");
        assertThat(valueOf(page, "username")).isEqualTo(someone);

        page = signInAttempt(Map.of("tenant", "", "username", someone, "password", "Secreta-123"), "en");
        assertErrorNextTo(page, "tenant", "Write your organization (e.g. demo).");
        assertThat(valueOf(page, "username")).isEqualTo(someone);
        assertThat(page).doesNotContain("Secreta-123");

        page = signInAttempt(Map.of("tenant", "demo", "username", someone, "password", "Secreta-123"), "es");
        assertThat(summary(page)).contains("La organización, el usuario o la contraseña no coinciden");
        assertThat(valueOf(page, "tenant")).isEqualTo("demo");
        assertThat(valueOf(page, "username")).isEqualTo(someone);
        assertThat(page).doesNotContain("Secreta-123");
    }

    @Test
    void aDateTheAddressCannotReadShowsThePageOnItsDefaultWithAMessageNotAnErrorPage() {
        var reception = PageSession.signIn(http, "demo", "reception", "Reception123!");
        assertThat(followed(reception, "/agenda?view=week&date=2026-13-45"))
                .contains("La fecha «2026-13-45» no existe (usa AAAA-MM-DD); se muestra el día de hoy.");
        assertThat(followed(reception.inEnglish(), "/agenda?date=2026-13-45"))
                .contains("The date “2026-13-45” does not exist (use YYYY-MM-DD); showing today.");
        assertThat(followed(reception, "/agenda?therapist=abc"))
                .contains("La dirección traía «abc» en «therapist», que no se puede leer");
        // The booking form reads its address into its form: the date is that field's error, today is shown.
        var booking = reception.get("/appointments/new?date=2026-02-30");
        assertThat(booking.statusCode()).isEqualTo(200);
        assertErrorNextTo(booking.body(), "date", "Escribe una fecha como 2026-12-31.");

        var supervisor = PageSession.signIn(http, "demo", "supervisor", "Supervisor123!");
        assertThat(followed(supervisor, "/billing/reports?date=2026-13-45"))
                .contains("La fecha «2026-13-45» no existe", "id=\"daily-cash\"");

        var admin = PageSession.signIn(http, "demo", "admin", "Admin123!");
        var plant = admin.get("/production?from=2026-13-45");
        assertThat(plant.statusCode()).isEqualTo(200);
        assertThat(plant.body()).contains("La fecha «2026-13-45» no existe (usa AAAA-MM-DD); se muestra el rango");

        // The API still answers such a parameter with a problem naming it, in our words.
        String token = http.demoToken("supervisor", "Supervisor123!");
        var api = http.call("GET", "/api/v1/cash-sessions?date=2026-13-45", token, null);
        var problem = TestHttp.assertProblem(api, 422, "VALIDATION_FAILED");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("date");
        http.call("POST", "/api/v1/auth/logout", token, null);
    }

    /** Bean Validation's and Spring's own sentences never reach a person, in Spanish or in English. */
    @Test
    void noLibraryDefaultMessageReachesAPageOrAnApiErrorInEitherLanguage() {
        String admin = http.demoToken("admin", "Admin123!");
        String reception = http.demoToken("reception", "Reception123!");
        for (String language : new String[] {"es", "en"}) {
            var users = api(admin, language, "POST", "/api/v1/users", """
                    {"username": "a b", "full_name": "", "email": "x", "password": "", "roles": []}""");
            noLibraryText(users);
            assertThat(users.body())
                    .contains(
                            language.equals("es")
                                    ? "Escribe este dato; es obligatorio."
                                    : "Write this in; it is required.");
            noLibraryText(api(reception, language, "POST", "/api/v1/payments", """
                    {"method": "CASH", "amount": "-1.234", "currency": "cop", "concept": "%s"}""".formatted("c".repeat(301))));
            noLibraryText(api(reception, language, "POST", "/api/v1/customers", """
                    {"document_type": "CC", "document_number": "", "full_name": "", "phone": "123"}"""));
            noLibraryText(api(reception, language, "GET", "/api/v1/cash-sessions?date=ayer", null));
            noLibraryText(api(reception, language, "GET", "/api/v1/cash-sessions?size=0", null));
        }
        var page = PageSession.signIn(http, "demo", "admin", "Admin123!");
        for (var browser : new PageSession[] {page, page.inEnglish()}) {
            noLibraryText(browser.post("/users", "username", "a b", "email", "x", "password", ""));
            noLibraryText(browser.post("/billing/payments", "amount", "-1.234", "appointmentId", "x"));
            noLibraryText(browser.post("/catalog/services", "code", "", "durationMinutes", "mucho", "price", "-1"));
        }
        http.call("POST", "/api/v1/auth/logout", admin, null);
        http.call("POST", "/api/v1/auth/logout", reception, null);
    }

    private HttpResponse<String> api(String token, String language, String method, String path, String body) {
        var request =
                http.request(path).header("Authorization", "Bearer " + token).header("Accept-Language", language);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        var response = http.send(request.method(
                method,
                body == null
                        ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(body)));
        assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
        return response;
    }

    /** Hibernate Validator's default sentences (es and en) and Spring's conversion failures. */
    private static final String[] LIBRARY_TEXT = {
        "no debe",
        "debe ser",
        "debe coincidir",
        "el tamaño",
        "valor numérico",
        "dirección de correo electrónico",
        "must not",
        "must be",
        "must match",
        "size must",
        "numeric value",
        "Failed to convert",
        "nested exception",
        "NumberFormatException",
        "IllegalArgumentException"
    };

    private static void noLibraryText(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isLessThan(500);
        for (String phrase : LIBRARY_TEXT) {
            assertThat(response.body()).as("%s in %s", phrase, response.uri()).doesNotContainIgnoringCase(phrase);
        }
    }

    /** A page as a browser ends up on it: one redirect followed, answered 200. */
    private static String followed(PageSession browser, String path) {
        var response = browser.get(path);
        if (response.statusCode() == 302) {
            URI target = URI.create(PageSession.location(response));
            assertThat(target.getRawQuery() == null ? "" : target.getRawQuery()).doesNotContain("2026-13-45", "abc");
            response =
                    browser.get(target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()));
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    /** Posts the sign-in form as a browser does and answers the login page it is sent back to. */
    private String signInAttempt(Map<String, String> fields, String language) {
        var login = http.get("/login");
        String cookie = cookieOf(login);
        var form = new java.util.LinkedHashMap<>(fields);
        form.put("_csrf", find(login.body(), CSRF.pattern()));
        var refused = http.send(http.request("/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "TURNO_SESSION=" + cookie)
                .POST(TestHttp.form(form)));
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(PageSession.location(refused)).endsWith("/login?error");
        if (refused.headers().firstValue("Set-Cookie").isPresent()) {
            cookie = cookieOf(refused);
        }
        var page =
                http.send(http.request(URI.create(PageSession.location(refused)).getRawPath() + "?error")
                        .header("Cookie", "TURNO_SESSION=" + cookie)
                        .header("Accept-Language", language));
        assertThat(page.statusCode()).isEqualTo(200);
        return page.body();
    }

    private static String cookieOf(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .map(SESSION::matcher)
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .findFirst()
                .orElseThrow();
    }

    /** The field's message is in its error text, which its control names in aria-describedby. */
    static void assertErrorNextTo(String body, String field, String message) {
        String text = find(body, "<p class=\"field-error\" id=\"" + field + "-error\">([^<]*)</p>");
        assertThat(text).as("the error text of %s", field).contains(message);
        String control =
                find(body, "(<(?:input|select|textarea|fieldset)[^>]*aria-describedby=\"" + field + "-error\"[^>]*>)");
        assertThat(control).as("the control of %s", field).contains("aria-invalid=\"true\"");
        assertThat(control).containsPattern("(id|name)=\"" + field + "\"");
    }

    static String summary(String body) {
        return find(body, "(<div class=\"error-summary\".*?</div>)");
    }

    /** What the control named {@code field} shows: its value attribute, or a textarea's text. */
    static String valueOf(String body, String field) {
        Matcher textarea = Pattern.compile("<textarea[^>]*id=\"" + field + "\"[^>]*>([^<]*)</textarea>")
                .matcher(body);
        if (textarea.find()) {
            return textarea.group(1).replaceFirst("^\n", "");
        }
        Matcher byId =
                Pattern.compile("(<input[^>]*id=\"" + field + "\"[^>]*>)").matcher(body);
        String input = byId.find() ? byId.group(1) : find(body, "(<input[^>]*name=\"" + field + "\"[^>]*>)");
        Matcher value = Pattern.compile("value=\"([^\"]*)\"").matcher(input);
        return value.find() ? value.group(1) : "";
    }
}
