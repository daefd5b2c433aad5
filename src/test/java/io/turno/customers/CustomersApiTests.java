package io.turno.customers;

import static io.turno.TestHttp.assertProblem;
import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import io.turno.SignedIn;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import io.turno.shared.Actor;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import jakarta.validation.ConstraintViolationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@TurnoTest
class CustomersApiTests {

    record TestActor(UUID userId, TenantId tenantId, String username) implements Actor {}

    @LocalServerPort
    int port;

    JdbcClient jdbc;

    @Autowired
    void ownerConnection(javax.sql.DataSource dataSource) {
        jdbc = io.turno.TestDatabase.owner(dataSource);
    }

    @Autowired
    Customers registry;

    TestHttp http;

    @RegisterExtension
    final SignedIn signedIn = new SignedIn();

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
    }

    @Test
    void receptionRegistersLooksUpAndCorrectsACustomerAnAdminDeactivatesAndEveryChangeIsAudited() {
        String reception = signedIn.demo("reception", "Reception123!");
        String number = digits(10);
        String typed = number.substring(0, 1) + "." + number.substring(1, 4) + "." + number.substring(4, 7) + "."
                + number.substring(7);
        UUID priority = UUID.randomUUID();
        var created = http.call("POST", "/api/v1/customers", reception, """
                {"document_type": "cc", "document_number": "%s", "full_name": " Ana María Ríos ",
                 "phone": "+573001234567", "email": "ana@example.com", "whatsapp_opt_in": true,
                 "default_priority_id": "%s"}""".formatted(typed, priority));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode customer = json(created);
        String id = customer.get("id").asString();
        assertThat(customer.get("document_type").asString()).isEqualTo("CC");
        assertThat(customer.get("document_number").asString())
                .as("stored without dots")
                .isEqualTo(number);
        assertThat(customer.get("full_name").asString()).isEqualTo("Ana María Ríos");
        assertThat(customer.get("phone").asString()).isEqualTo("+573001234567");
        assertThat(customer.get("whatsapp_opt_in").asBoolean()).isTrue();
        assertThat(customer.get("default_priority_id").asString()).isEqualTo(priority.toString());
        assertThat(customer.get("active").asBoolean()).isTrue();

        JsonNode found = list(reception, "document_type=CC&document_number=" + number);
        assertThat(found.get("total").asLong()).isOne();
        assertThat(found.get("items").get(0)).isEqualTo(customer);
        assertThat(list(reception, "document_type=CC&document_number=" + typed)
                        .get("total")
                        .asLong())
                .as("looked up as typed")
                .isOne();
        assertThat(list(reception, "document_type=TI&document_number=" + number)
                        .get("total")
                        .asLong())
                .isZero();
        assertThat(json(http.call("GET", "/api/v1/customers/" + id, reception, null)))
                .isEqualTo(customer);

        var replaced = http.call("PUT", "/api/v1/customers/" + id, reception, """
                {"document_type": "CC", "document_number": "%s", "full_name": "Ana María Ríos Gómez",
                 "phone": "+573001234567"}""".formatted(number));
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        JsonNode after = json(replaced);
        assertThat(after.get("full_name").asString()).isEqualTo("Ana María Ríos Gómez");
        assertThat(after.has("email"))
                .as("a replace clears what it does not send")
                .isFalse();
        assertThat(after.has("default_priority_id")).isFalse();
        assertThat(after.get("whatsapp_opt_in").asBoolean()).isFalse();

        assertProblem(http.call("DELETE", "/api/v1/customers/" + id, reception, null), 403, "INSUFFICIENT_PERMISSIONS");
        String admin = signedIn.demo("admin", "Admin123!");
        assertThat(http.call("DELETE", "/api/v1/customers/" + id, admin, null).statusCode())
                .isEqualTo(204);
        assertThat(json(http.call("GET", "/api/v1/customers/" + id, reception, null))
                        .get("active")
                        .asBoolean())
                .isFalse();

        assertThat(jdbc.sql("""
                SELECT action || ':' || actor_name FROM audit_log WHERE entity_type = 'customer' AND entity_id = :id
                ORDER BY id""").param("id", id).query(String.class).list())
                .containsExactly("CREATE:reception", "UPDATE:reception", "DELETE:admin");
        assertThat(jdbc.sql("""
                SELECT coalesce(summary #>> '{before,email}', '-') || ' -> ' || coalesce(summary #>> '{after,email}', '-')
                FROM audit_log WHERE entity_type = 'customer' AND entity_id = :id AND action = 'UPDATE'""").param("id", id).query(String.class).single()).isEqualTo("ana@example.com -> -");
    }

    @Test
    void theListIsPagedByNameAndFilteredByTextAndActiveFlag() {
        String admin = signedIn.demo("admin", "Admin123!");
        String tag = "Zq" + digits(6);
        List<String> ids = new ArrayList<>();
        for (String name : List.of("Carlos", "Beatriz", "Andrés")) {
            ids.add(create(admin, """
                    {"document_type": "CC", "document_number": "%s", "full_name": "%s %s"}""".formatted(digits(10), name, tag))
                    .get("id")
                    .asString());
        }
        assertThat(http.call("DELETE", "/api/v1/customers/" + ids.getFirst(), admin, null)
                        .statusCode())
                .isEqualTo(204);

        JsonNode first = list(admin, "q=" + tag.toLowerCase() + "&size=2");
        assertThat(first.get("total").asLong()).isEqualTo(3);
        assertThat(first.get("size").asInt()).isEqualTo(2);
        assertThat(names(first)).containsExactly("Andrés " + tag, "Beatriz " + tag);
        assertThat(names(list(admin, "q=" + tag + "&size=2&page=1"))).containsExactly("Carlos " + tag);
        assertThat(names(list(admin, "q=" + tag + "&active=true"))).containsExactly("Andrés " + tag, "Beatriz " + tag);
        assertThat(names(list(admin, "q=" + tag + "&active=false"))).containsExactly("Carlos " + tag);

        JsonNode unknownType = assertProblem(
                http.call("GET", "/api/v1/customers?document_type=XX&document_number=1", admin, null),
                422,
                "VALIDATION_FAILED");
        assertThat(unknownType.get("errors").get(0).get("field").asString()).isEqualTo("document_type");
        assertProblem(http.call("GET", "/api/v1/customers?size=500", admin, null), 422, "VALIDATION_FAILED");
    }

    @Test
    void aDocumentBelongsToOneCustomerOfTheTenant() {
        String reception = signedIn.demo("reception", "Reception123!");
        String number = digits(8);
        String id = create(reception, """
                {"document_type": "CC", "document_number": "%s", "full_name": "Primera"}""".formatted(number)).get("id").asString();
        JsonNode duplicate = assertProblem(
                http.call("POST", "/api/v1/customers", reception, """
                {"document_type": "CC", "document_number": "%s", "full_name": "Segunda"}""".formatted(
                                number.substring(0, 2) + " " + number.substring(2))),
                409,
                "CONFLICT");
        assertThat(duplicate.get("detail").asString()).contains("CC " + number);

        String other = create(reception, """
                {"document_type": "TI", "document_number": "%s", "full_name": "Otro tipo, mismo número"}""".formatted(number)).get("id").asString();
        JsonNode stolen = assertProblem(
                http.call("PUT", "/api/v1/customers/" + other, reception, """
                {"document_type": "CC", "document_number": "%s", "full_name": "Otro"}""".formatted(number)), 409, "CONFLICT");
        assertThat(stolen.get("detail").asString()).contains("CC " + number);
        assertThat(json(http.call("GET", "/api/v1/customers/" + other, reception, null))
                        .get("document_type")
                        .asString())
                .isEqualTo("TI");
        assertThat(json(http.call("GET", "/api/v1/customers/" + id, reception, null))
                        .get("full_name")
                        .asString())
                .isEqualTo("Primera");
    }

    @Test
    void malformedInputIsRefusedOnTheFieldToCorrectAndNothingIsSaved() {
        String reception = signedIn.demo("reception", "Reception123!");
        String tag = "Malo" + digits(6);
        JsonNode letters = invalid(reception, """
                {"document_type": "CC", "document_number": "12AB345", "full_name": "%s"}""".formatted(tag));
        assertThat(fields(letters)).containsExactly("document_number");
        assertThat(letters.get("errors").get(0).get("message").asString()).contains("CC", "solo dígitos");
        assertThat(fields(invalid(reception, """
                {"document_type": "NIT", "document_number": "1234", "full_name": "%s"}""".formatted(tag))))
                .as("too short")
                .containsExactly("document_number");
        assertThat(fields(invalid(reception, """
                {"document_type": "PA", "document_number": "AB#123", "full_name": "%s"}""".formatted(tag)))).containsExactly("document_number");
        assertThat(fields(invalid(reception, """
                {"document_type": "XX", "document_number": "123456", "full_name": "%s"}""".formatted(tag)))).containsExactly("document_type");
        assertThat(fields(invalid(reception, """
                {"document_type": "CC", "document_number": "123456", "full_name": "%s", "phone": "3001234567",
                 "email": "no-es-correo"}""".formatted(tag)))).containsExactlyInAnyOrder("phone", "email");
        assertThat(fields(invalid(reception, """
                {"document_type": "CC", "document_number": "123456", "full_name": "%s", "whatsapp_opt_in": true}""".formatted(tag)))).containsExactly("whatsapp_opt_in");
        assertThat(fields(invalid(reception, "{}"))).contains("document_type", "document_number", "full_name");
        assertProblem(http.call("POST", "/api/v1/customers", reception, """
                {"document_type": "CC", "document_number": "123456", "full_name": "%s", "default_priority_id": "x"}""".formatted(tag)), 400, "MALFORMED_REQUEST");

        assertThat(jdbc.sql("SELECT count(*) FROM customers WHERE full_name = :tag")
                        .param("tag", tag)
                        .query(Long.class)
                        .single())
                .isZero();
        // Passports keep letters: the same rules accept a well-formed one.
        assertThat(create(reception, """
                {"document_type": "pa", "document_number": "ab-123 456", "full_name": "%s"}""".formatted(tag)).get("document_number").asString())
                .isEqualTo("AB123456");
    }

    @Test
    void whoMayReadAndChangeTheRegistry() {
        String admin = signedIn.demo("admin", "Admin123!");
        String id = create(admin, """
                {"document_type": "CE", "document_number": "E%s", "full_name": "Extranjero"}""".formatted(digits(6))).get("id").asString();
        for (String[] user : new String[][] {
            {"viewer", "Viewer123!"},
            {"therapist", "Therapist123!"},
            {"manager", "Manager123!"},
            {"supervisor", "Supervisor123!"}
        }) {
            String token = signedIn.demo(user[0], user[1]);
            assertThat(http.call("GET", "/api/v1/customers/" + id, token, null).statusCode())
                    .as(user[0])
                    .isEqualTo(200);
            assertProblem(
                    http.call("POST", "/api/v1/customers", token, """
                    {"document_type": "CC", "document_number": "%s", "full_name": "X"}""".formatted(digits(9))),
                    403,
                    "INSUFFICIENT_PERMISSIONS");
            assertProblem(http.call("PUT", "/api/v1/customers/" + id, token, "{}"), 403, "INSUFFICIENT_PERMISSIONS");
        }
        for (String[] user : new String[][] {{"operator", "Operator123!"}, {"patient", "Patient123!"}}) {
            assertProblem(
                    http.call("GET", "/api/v1/customers/" + id, signedIn.demo(user[0], user[1]), null),
                    403,
                    "INSUFFICIENT_PERMISSIONS");
        }
    }

    @Test
    void anotherTenantsCustomerDoesNotExistEvenWithTheSameDocument() {
        UUID otherTenant = otherTenant();
        UUID foreign = UUID.randomUUID();
        String number = digits(10);
        jdbc.sql("""
                INSERT INTO customers (id, tenant_id, document_type, document_number, full_name, phone)
                VALUES (:id, :t, 'CC', :n, 'Cliente ajeno', '+573009999999')""")
                .param("id", foreign)
                .param("t", otherTenant)
                .param("n", number)
                .update();

        String admin = signedIn.demo("admin", "Admin123!");
        assertProblem(http.call("GET", "/api/v1/customers/" + foreign, admin, null), 404, "NOT_FOUND");
        assertProblem(http.call("PUT", "/api/v1/customers/" + foreign, admin, """
                {"document_type": "CC", "document_number": "%s", "full_name": "Robado"}""".formatted(number)), 404, "NOT_FOUND");
        assertProblem(http.call("DELETE", "/api/v1/customers/" + foreign, admin, null), 404, "NOT_FOUND");
        assertThat(list(admin, "document_type=CC&document_number=" + number)
                        .get("total")
                        .asLong())
                .isZero();
        assertThat(list(admin, "q=" + number).get("total").asLong()).isZero();

        String mine = create(admin, """
                {"document_type": "CC", "document_number": "%s", "full_name": "Cliente propio"}""".formatted(number)).get("id").asString();
        assertThat(TenantScope.call(demoTenant(), () -> registry.findByDocument(demoTenant(), DocumentType.CC, number))
                        .map(CustomerView::id))
                .contains(UUID.fromString(mine));
        assertThat(TenantScope.call(
                                new TenantId(otherTenant),
                                () -> registry.findByDocument(new TenantId(otherTenant), DocumentType.CC, number))
                        .map(CustomerView::id))
                .contains(foreign);
        assertThat(TenantScope.call(demoTenant(), () -> registry.find(demoTenant(), foreign)))
                .isEmpty();
        assertThat(TenantScope.call(new TenantId(otherTenant), () -> registry.find(new TenantId(otherTenant), foreign)))
                .hasValueSatisfying(customer -> {
                    assertThat(customer.fullName()).isEqualTo("Cliente ajeno");
                    assertThat(customer.active()).isTrue();
                });
    }

    @Test
    void theKioskFindsOrRegistersByDocumentOnceEvenUnderConcurrentCalls() throws Exception {
        TenantId demo = demoTenant();
        Actor reception = new TestActor(
                jdbc.sql("SELECT id FROM users WHERE username = 'reception' AND tenant_id = :t")
                        .param("t", demo.value())
                        .query(UUID.class)
                        .single(),
                demo,
                "reception");
        String number = digits(10);
        String typed = number.substring(0, 3) + " " + number.substring(3);

        CustomerView registered = TenantScope.call(
                demo, () -> registry.findOrCreate(demo, new NewCustomer("cc", typed, "Pedro Kiosco"), reception));
        assertThat(registered.document()).isEqualTo("CC " + number);
        assertThat(registered.active()).isTrue();
        assertThat(registered.whatsappOptIn()).isFalse();
        CustomerView again = TenantScope.call(
                demo, () -> registry.findOrCreate(demo, new NewCustomer("CC", number, "Otro Nombre"), reception));
        assertThat(again).as("an existing customer is returned unchanged").isEqualTo(registered);
        assertThat(TenantScope.call(demo, () -> registry.find(demo, registered.id())))
                .contains(registered);
        assertThat(TenantScope.call(demo, () -> registry.findByDocument(demo, DocumentType.CC, typed)))
                .contains(registered);
        assertThat(TenantScope.call(demo, () -> registry.findByDocument(demo, DocumentType.TI, number)))
                .isEmpty();

        String racing = digits(10);
        var pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<UUID>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String name = "Concurrente " + i;
                calls.add(() -> TenantScope.call(
                                demo, () -> registry.findOrCreate(demo, new NewCustomer("CC", racing, name), null))
                        .id());
            }
            Set<UUID> ids = new java.util.HashSet<>();
            for (Future<UUID> result : pool.invokeAll(calls)) {
                ids.add(result.get());
            }
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM customers WHERE document_number = :n")
                        .param("n", racing)
                        .query(Long.class)
                        .single())
                .isOne();
        assertThat(jdbc.sql("""
                SELECT count(*) FROM audit_log WHERE entity_type = 'customer' AND action = 'CREATE'
                  AND summary #>> '{after,document_number}' IN (:a, :b)""")
                        .param("a", number)
                        .param("b", racing)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);

        assertThatThrownBy(() -> TenantScope.call(
                        demo, () -> registry.findOrCreate(demo, new NewCustomer("CC", "12-AB", "Mal"), reception)))
                .isInstanceOfSatisfying(
                        ConstraintViolationException.class,
                        e -> assertThat(e.getConstraintViolations())
                                .extracting(v -> v.getPropertyPath().toString())
                                .containsExactly("documentNumber"));
        TenantId elsewhere = new TenantId(otherTenant());
        assertThatThrownBy(() -> TenantScope.call(
                        elsewhere,
                        () -> registry.findOrCreate(elsewhere, new NewCustomer("CC", digits(9), "X"), reception)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCustomerIsLinkedToOneSignInAccountAndTheLinkIsAudited() {
        TenantId demo = demoTenant();
        UUID patientUser = jdbc.sql("SELECT id FROM users WHERE username = 'patient' AND tenant_id = :t")
                .param("t", demo.value())
                .query(UUID.class)
                .single();
        // The demo links 'patient' to its own customer (scheduling's demo); this test links it afresh.
        jdbc.sql("UPDATE customers SET user_id = NULL WHERE user_id = :u")
                .param("u", patientUser)
                .update();
        UUID first = TenantScope.call(
                        demo, () -> registry.findOrCreate(demo, new NewCustomer("CC", digits(10), "Uno"), null))
                .id();
        UUID second = TenantScope.call(
                        demo, () -> registry.findOrCreate(demo, new NewCustomer("CC", digits(10), "Dos"), null))
                .id();
        TenantScope.run(demo, () -> registry.linkUser(demo, first, patientUser, null));
        TenantScope.run(demo, () -> registry.linkUser(demo, first, patientUser, null));

        assertThat(TenantScope.call(demo, () -> registry.findByUser(demo, patientUser)))
                .get()
                .extracting(CustomerView::id)
                .isEqualTo(first);
        assertThatThrownBy(() -> TenantScope.run(demo, () -> registry.linkUser(demo, second, patientUser, null)))
                .hasMessageContaining("vinculada");
        assertThatThrownBy(() ->
                        TenantScope.run(demo, () -> registry.linkUser(demo, UUID.randomUUID(), patientUser, null)))
                .isInstanceOf(io.turno.shared.NotFound.class);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE entity_type = 'customer' AND action = 'UPDATE'"
                                + " AND entity_id = :id AND summary #>> '{after,user_id}' = :user")
                        .param("id", first.toString())
                        .param("user", patientUser.toString())
                        .query(Long.class)
                        .single())
                .as("linked once, audited once")
                .isOne();

        TenantScope.run(demo, () -> registry.linkUser(demo, first, null, null));
        assertThat(TenantScope.call(demo, () -> registry.findByUser(demo, patientUser)))
                .isEmpty();
    }

    private JsonNode create(String token, String body) {
        var response = http.call("POST", "/api/v1/customers", token, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }

    private JsonNode invalid(String token, String body) {
        return assertProblem(http.call("POST", "/api/v1/customers", token, body), 422, "VALIDATION_FAILED");
    }

    private JsonNode list(String token, String query) {
        HttpResponse<String> response = http.call("GET", "/api/v1/customers?" + query, token, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static List<String> names(JsonNode page) {
        return page.get("items")
                .valueStream()
                .map(item -> item.get("full_name").asString())
                .toList();
    }

    private static List<String> fields(JsonNode problem) {
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

    private UUID otherTenant() {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO tenants (id, slug, name) VALUES (:id, :slug, 'Otra')")
                .param("id", id)
                .param("slug", "otra-" + id.toString().substring(0, 8))
                .update();
        return id;
    }

    /** A number of {@code length} digits no other test uses (in practice), not starting with 0. */
    private static String digits(int length) {
        var random = ThreadLocalRandom.current();
        var digits = new StringBuilder().append(1 + random.nextInt(9));
        while (digits.length() < length) {
            digits.append(random.nextInt(10));
        }
        return digits.toString();
    }
}
