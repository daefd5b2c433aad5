package io.turno.catalog;

import static io.turno.TestHttp.assertProblem;
import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import io.turno.SignedIn;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@TurnoTest
class ServicesApiTests {

    @LocalServerPort
    int port;

    JdbcClient jdbc;

    @Autowired
    void ownerConnection(javax.sql.DataSource dataSource) {
        jdbc = io.turno.TestDatabase.owner(dataSource);
    }

    @Autowired
    ServiceCatalog catalog;

    TestHttp http;

    @RegisterExtension
    final SignedIn signedIn = new SignedIn();

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
    }

    @Test
    void aManagerKeepsTheCatalogAndEveryChangeIsAudited() {
        String manager = signedIn.demo("manager", "Manager123!");
        String code = unique("cons");
        var created = http.call("POST", "/api/v1/services", manager, """
                {"code": "%s", "name": "Consulta general", "description": "Primera vez", "duration_minutes": 20,
                 "price": "45000", "currency": "COP"}""".formatted(code.toLowerCase()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode service = json(created);
        String id = service.get("id").asString();
        assertThat(service.get("code").asString()).isEqualTo(code);
        assertThat(service.get("walk_in").asBoolean()).isTrue();
        assertThat(service.get("bookable").asBoolean()).isTrue();
        assertThat(service.get("active").asBoolean()).isTrue();
        assertThat(service.get("duration_minutes").asInt()).isEqualTo(20);
        assertThat(service.get("price").isString())
                .as("money is a decimal string")
                .isTrue();
        assertThat(service.get("price").asString()).isEqualTo("45000.00");
        assertThat(service.get("currency").asString()).isEqualTo("COP");
        assertThat(json(http.call("GET", "/api/v1/services/" + id, manager, null)))
                .isEqualTo(service);

        var replaced = http.call("PUT", "/api/v1/services/" + id, manager, """
                {"code": "%s", "name": "Consulta general adultos", "walk_in": false, "price": "1234.5",
                 "currency": "USD"}""".formatted(code));
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        JsonNode after = json(replaced);
        assertThat(after.get("name").asString()).isEqualTo("Consulta general adultos");
        assertThat(after.get("walk_in").asBoolean()).isFalse();
        assertThat(after.get("bookable").asBoolean()).isTrue();
        assertThat(after.has("description"))
                .as("a replace clears what it does not send")
                .isFalse();
        assertThat(after.has("duration_minutes")).isFalse();
        assertThat(after.get("price").asString()).isEqualTo("1234.50");
        assertThat(after.get("currency").asString()).isEqualTo("USD");

        assertThat(http.call("DELETE", "/api/v1/services/" + id, manager, null).statusCode())
                .isEqualTo(204);
        assertThat(json(http.call("GET", "/api/v1/services/" + id, manager, null))
                        .get("active")
                        .asBoolean())
                .isFalse();
        assertThat(http.call("DELETE", "/api/v1/services/" + id, manager, null).statusCode())
                .as("deactivating twice is harmless")
                .isEqualTo(204);

        assertThat(jdbc.sql("""
                SELECT action FROM audit_log WHERE entity_type = 'service' AND entity_id = :id AND actor_name = 'manager'
                ORDER BY id""").param("id", id).query(String.class).list())
                .containsExactly("CREATE", "UPDATE", "DELETE");
        assertThat(jdbc.sql("""
                SELECT summary #>> '{before,name}' || ' -> ' || (summary #>> '{after,name}') FROM audit_log
                WHERE entity_type = 'service' AND entity_id = :id AND action = 'UPDATE'""").param("id", id).query(String.class).single())
                .isEqualTo("Consulta general -> Consulta general adultos");
    }

    @Test
    void theListIsPagedByNameAndFilteredByTextAndFlags() {
        String admin = signedIn.demo("admin", "Admin123!");
        String tag = unique("tag");
        create(admin, """
                {"code": "%s-A", "name": "%s Alfa", "walk_in": true, "bookable": false}""".formatted(tag, tag));
        create(admin, """
                {"code": "%s-B", "name": "%s Beta", "walk_in": false, "bookable": true}""".formatted(tag, tag));
        create(admin, """
                {"code": "%s-G", "name": "%s Gamma", "description": "Ecografía", "active": false}""".formatted(tag, tag));

        JsonNode first = list(admin, "q=" + tag + "&size=2");
        assertThat(first.get("total").asLong()).isEqualTo(3);
        assertThat(first.get("page").asInt()).isZero();
        assertThat(first.get("size").asInt()).isEqualTo(2);
        assertThat(names(first)).containsExactly(tag + " Alfa", tag + " Beta");
        assertThat(names(list(admin, "q=" + tag + "&size=2&page=1"))).containsExactly(tag + " Gamma");

        assertThat(names(list(admin, "q=" + tag + "&walk_in=true"))).containsExactly(tag + " Alfa", tag + " Gamma");
        assertThat(names(list(admin, "q=" + tag + "&walk_in=true&active=true"))).containsExactly(tag + " Alfa");
        assertThat(names(list(admin, "q=" + tag + "&bookable=true&active=true")))
                .containsExactly(tag + " Beta");
        assertThat(names(list(admin, "q=" + tag + "&active=false"))).containsExactly(tag + " Gamma");
        assertThat(names(list(admin, "q=" + tag + "-b")))
                .as("by code, any case")
                .containsExactly(tag + " Beta");
        assertThat(list(admin, "q=ecograf%C3%ADa&active=false").get("total").asLong())
                .as("by description")
                .isPositive();

        assertThat(TenantScope.call(
                                demoTenant(),
                                () -> catalog.search(demoTenant(), new ServiceQuery(tag, true, true, null), 0, 10))
                        .items())
                .extracting(ServiceView::name)
                .containsExactly(tag + " Alfa");

        assertProblem(http.call("GET", "/api/v1/services?size=0", admin, null), 422, "VALIDATION_FAILED");
        assertProblem(http.call("GET", "/api/v1/services?walk_in=maybe", admin, null), 422, "VALIDATION_FAILED");
    }

    @Test
    void badInputIsRefusedOnTheFieldToCorrectAndNothingIsSaved() {
        String admin = signedIn.demo("admin", "Admin123!");
        String code = unique("dup");
        String id = create(admin, """
                {"code": "%s", "name": "Original"}""".formatted(code)).get("id").asString();
        JsonNode duplicate = assertProblem(
                http.call("POST", "/api/v1/services", admin, """
                {"code": "%s", "name": "Copia"}""".formatted(code.toLowerCase())), 409, "CONFLICT");
        assertThat(duplicate.get("detail").asString()).contains(code);
        String other = create(admin, """
                {"code": "%s-2", "name": "Otro"}""".formatted(code)).get("id").asString();
        assertProblem(http.call("PUT", "/api/v1/services/" + other, admin, """
                {"code": "%s", "name": "Otro"}""".formatted(code)), 409, "CONFLICT");

        String tag = unique("bad");
        assertThat(fields(http.call("POST", "/api/v1/services", admin, """
                {"code": "", "name": "", "duration_minutes": 0, "price": "-5", "currency": "cop"}""")))
                .contains("code", "name", "duration_minutes", "price", "currency");
        assertThat(fields(http.call("POST", "/api/v1/services", admin, """
                {"code": "%s 1", "name": "x", "duration_minutes": 1441}""".formatted(tag))))
                .containsExactlyInAnyOrder("code", "duration_minutes");
        assertThat(fields(invalid(admin, tag, "\"price\": \"100\""))).containsExactly("currency");
        assertThat(fields(invalid(admin, tag, "\"currency\": \"COP\""))).containsExactly("price");
        assertThat(fields(invalid(admin, tag, "\"price\": \"10.5\", \"currency\": \"JPY\"")))
                .containsExactly("price");
        assertThat(fields(invalid(admin, tag, "\"price\": \"10.555\", \"currency\": \"COP\"")))
                .containsExactly("price");
        assertThat(fields(invalid(admin, tag, "\"price\": \"10\", \"currency\": \"ZZZ\"")))
                .containsExactly("currency");
        assertProblem(http.call("POST", "/api/v1/services", admin, "{\"code\": "), 400, "MALFORMED_REQUEST");
        assertProblem(http.call("PUT", "/api/v1/services/" + id, admin, """
                {"code": "%s", "name": "x", "price": "1e3", "currency": "COP"}""".formatted(code)), 422, "VALIDATION_FAILED");
        assertProblem(http.call("GET", "/api/v1/services/not-a-uuid", admin, null), 422, "VALIDATION_FAILED");

        assertThat(jdbc.sql("SELECT count(*) FROM catalog_services WHERE code LIKE :tag || '%'")
                        .param("tag", tag)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(json(http.call("GET", "/api/v1/services/" + id, admin, null))
                        .get("name")
                        .asString())
                .isEqualTo("Original");
    }

    @Test
    void aPropertyTheApiDoesNotKnowIsRefusedByNameAndNothingIsSaved() {
        String admin = signedIn.demo("admin", "Admin123!");
        String code = unique("camel");
        JsonNode problem = assertProblem(
                http.call("POST", "/api/v1/services", admin, """
                {"code": "%s", "name": "Consulta", "durationMinutes": 20}""".formatted(code)), 422, "VALIDATION_FAILED");
        assertThat(problem.get("detail").asString()).contains("«durationMinutes»");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("durationMinutes");
        assertThat(jdbc.sql("SELECT count(*) FROM catalog_services WHERE code = :code")
                        .param("code", code)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void everyoneWhoServesReadsTheCatalogButOnlyItsKeepersChangeIt() {
        String admin = signedIn.demo("admin", "Admin123!");
        String id = create(admin, """
                {"code": "%s", "name": "Radicación"}""".formatted(unique("rad"))).get("id").asString();
        for (String[] user : new String[][] {
            {"viewer", "Viewer123!"},
            {"reception", "Reception123!"},
            {"operator", "Operator123!"},
            {"therapist", "Therapist123!"},
            {"supervisor", "Supervisor123!"}
        }) {
            String token = signedIn.demo(user[0], user[1]);
            assertThat(http.call("GET", "/api/v1/services/" + id, token, null).statusCode())
                    .as(user[0])
                    .isEqualTo(200);
            assertProblem(
                    http.call("POST", "/api/v1/services", token, """
                    {"code": "%s", "name": "Intruso"}""".formatted(unique("x"))),
                    403,
                    "INSUFFICIENT_PERMISSIONS");
            assertProblem(http.call("PUT", "/api/v1/services/" + id, token, """
                    {"code": "X", "name": "Intruso"}"""), 403, "INSUFFICIENT_PERMISSIONS");
            assertProblem(http.call("DELETE", "/api/v1/services/" + id, token, null), 403, "INSUFFICIENT_PERMISSIONS");
        }
        // Seed 004: a patient reads the catalog (what they can book) and changes nothing.
        String patient = signedIn.demo("patient", "Patient123!");
        assertThat(http.call("GET", "/api/v1/services", patient, null).statusCode())
                .isEqualTo(200);
        assertProblem(
                http.call("POST", "/api/v1/services", patient, """
                {"code": "%s", "name": "Intruso"}""".formatted(unique("x"))),
                403,
                "INSUFFICIENT_PERMISSIONS");
        assertThat(json(http.call("GET", "/api/v1/services/" + id, admin, null))
                        .get("active")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void anyoneReadsAnOrganizationsActiveBookableServicesWithoutSigningIn() {
        String admin = signedIn.demo("admin", "Admin123!");
        String tag = unique("pub");
        create(admin, """
                {"code": "%s-A", "name": "%s Alfa", "duration_minutes": 30, "price": "45000", "currency": "COP",
                 "description": "Primera vez"}""".formatted(tag, tag));
        create(admin, """
                {"code": "%s-B", "name": "%s Beta", "bookable": false}""".formatted(tag, tag));
        create(admin, """
                {"code": "%s-G", "name": "%s Gamma", "active": false}""".formatted(tag, tag));

        var response = http.get("/api/v1/public/tenants/demo/services?size=200");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode page = json(response);
        assertThat(names(page)).contains(tag + " Alfa").doesNotContain(tag + " Beta", tag + " Gamma");
        JsonNode alfa = null;
        for (JsonNode item : page.get("items")) {
            if (item.get("name").asString().equals(tag + " Alfa")) {
                alfa = item;
            }
        }
        assertThat(alfa.get("duration_minutes").asInt()).isEqualTo(30);
        assertThat(alfa.get("price").asString()).isEqualTo("45000.00");
        assertThat(alfa.get("currency").asString()).isEqualTo("COP");
        assertThat(alfa.get("description").asString()).isEqualTo("Primera vez");
        assertThat(alfa.has("code")).as("only what a visitor needs").isFalse();
        assertThat(alfa.has("walk_in")).isFalse();

        assertProblem(http.get("/api/v1/public/tenants/no-existe/services"), 404, "NOT_FOUND");
        UUID closed = UUID.randomUUID();
        String slug = "cerrada-" + closed.toString().substring(0, 8);
        jdbc.sql("INSERT INTO tenants (id, slug, name, active) VALUES (:id, :slug, 'Cerrada', false)")
                .param("id", closed)
                .param("slug", slug)
                .update();
        jdbc.sql("INSERT INTO catalog_services (id, tenant_id, code, name) VALUES (:id, :t, 'X', 'Oculto')")
                .param("id", UUID.randomUUID())
                .param("t", closed)
                .update();
        assertProblem(http.get("/api/v1/public/tenants/" + slug + "/services"), 404, "NOT_FOUND");
        assertProblem(http.get("/api/v1/public/tenants/platform/services"), 404, "NOT_FOUND");
        assertProblem(http.get("/api/v1/public/tenants/demo/services?size=0"), 422, "VALIDATION_FAILED");
    }

    @Test
    void anotherTenantsServiceDoesNotExistForTheCallerNorForTheFacade() {
        UUID otherTenant = UUID.randomUUID();
        UUID foreign = UUID.randomUUID();
        String code = unique("ajeno");
        jdbc.sql("INSERT INTO tenants (id, slug, name) VALUES (:id, :slug, 'Otra')")
                .param("id", otherTenant)
                .param("slug", "otra-" + otherTenant.toString().substring(0, 8))
                .update();
        jdbc.sql("INSERT INTO catalog_services (id, tenant_id, code, name) VALUES (:id, :t, :code, 'Servicio ajeno')")
                .param("id", foreign)
                .param("t", otherTenant)
                .param("code", code)
                .update();

        String admin = signedIn.demo("admin", "Admin123!");
        assertProblem(http.call("GET", "/api/v1/services/" + foreign, admin, null), 404, "NOT_FOUND");
        assertProblem(http.call("PUT", "/api/v1/services/" + foreign, admin, """
                {"code": "%s", "name": "Robado"}""".formatted(code)), 404, "NOT_FOUND");
        assertProblem(http.call("DELETE", "/api/v1/services/" + foreign, admin, null), 404, "NOT_FOUND");
        assertThat(list(admin, "q=" + code).get("total").asLong()).isZero();
        // Codes are unique per tenant, not across tenants.
        String mine = create(admin, """
                {"code": "%s", "name": "Servicio propio"}""".formatted(code)).get("id").asString();

        assertThat(TenantScope.call(demoTenant(), () -> catalog.find(demoTenant(), foreign)))
                .isEmpty();
        assertThat(TenantScope.call(new TenantId(otherTenant), () -> catalog.find(new TenantId(otherTenant), foreign)))
                .hasValueSatisfying(service -> {
                    assertThat(service.name()).isEqualTo("Servicio ajeno");
                    assertThat(service.active())
                            .as("the refused DELETE changed nothing")
                            .isTrue();
                });
        assertThat(TenantScope.call(demoTenant(), () -> catalog.findByCode(demoTenant(), code.toLowerCase()))
                        .map(ServiceView::id))
                .contains(UUID.fromString(mine));
        assertThat(TenantScope.call(
                                new TenantId(otherTenant), () -> catalog.findByCode(new TenantId(otherTenant), code))
                        .map(ServiceView::id))
                .contains(foreign);
        assertThat(TenantScope.call(demoTenant(), () -> catalog.find(demoTenant(), UUID.fromString(mine)))
                        .map(ServiceView::name))
                .contains("Servicio propio");
    }

    private JsonNode create(String token, String body) {
        var response = http.call("POST", "/api/v1/services", token, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }

    private java.net.http.HttpResponse<String> invalid(String token, String tag, String money) {
        return http.call("POST", "/api/v1/services", token, """
                {"code": "%s", "name": "x", %s}""".formatted(tag, money));
    }

    private JsonNode list(String token, String query) {
        var response = http.call("GET", "/api/v1/services?" + query, token, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static List<String> names(JsonNode page) {
        return page.get("items")
                .valueStream()
                .map(item -> item.get("name").asString())
                .toList();
    }

    private static List<String> fields(java.net.http.HttpResponse<String> response) {
        JsonNode problem = assertProblem(response, 422, "VALIDATION_FAILED");
        return problem.get("errors")
                .valueStream()
                .map(e -> e.get("field").asString())
                .toList();
    }

    private TenantId demoTenant() {
        return new TenantId(jdbc.sql("SELECT id FROM tenants WHERE slug = 'demo'")
                .query(UUID.class)
                .single());
    }

    /** A code no other test uses: upper case, as the catalog stores it. */
    private static String unique(String prefix) {
        return (prefix + "-" + UUID.randomUUID().toString().substring(0, 8)).toUpperCase();
    }
}
