package io.turno.queueing;

import static io.turno.TestHttp.assertProblem;
import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import io.turno.SignedIn;
import io.turno.TestDatabase;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Branches, priorities, queues and desks through the API, as an administrator keeps them. */
@TurnoTest
class ConfigurationApiTests {

    @LocalServerPort
    int port;

    JdbcClient owner;
    TestHttp http;
    String admin;

    @RegisterExtension
    final SignedIn signedIn = new SignedIn();

    @Autowired
    void ownerConnection(javax.sql.DataSource dataSource) {
        owner = TestDatabase.owner(dataSource);
    }

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
        admin = signedIn.demo("admin", "Admin123!");
    }

    @Test
    void aBranchIsCreatedReadReplacedListedAndDeactivatedEveryChangeAudited() {
        String name = unique("Sede");
        JsonNode created = created(http.call("POST", "/api/v1/branches", admin, """
                {"name": "%s", "address": "Cra 7 # 1-2", "time_zone": "America/Bogota",
                 "opening_hours": {"saturday": [{"open": "08:00", "close": "12:00"}],
                                   "MONDAY": [{"open": "14:00", "close": "18:00"}, {"open": "07:00", "close": "12:00"}]}}""".formatted(name)));
        String id = created.get("id").asString();
        assertThat(created.get("time_zone").asString()).isEqualTo("America/Bogota");
        assertThat(created.get("call_policy").asString()).as("default").isEqualTo("WEIGHTED_WAIT");
        assertThat(created.get("max_recalls").asInt()).isEqualTo(3);
        assertThat(created.get("rebalance_threshold").asInt()).isEqualTo(5);
        assertThat(created.get("active").asBoolean()).isTrue();
        assertThat(created.get("opening_hours").propertyNames())
                .as("days in week order, upper case")
                .containsExactly("MONDAY", "SATURDAY");
        assertThat(created.get("opening_hours").get("MONDAY").get(0).get("open").asString())
                .isEqualTo("07:00");
        assertThat(created.get("opening_hours")
                        .get("SATURDAY")
                        .get(0)
                        .get("open")
                        .asString())
                .isEqualTo("08:00");
        assertThat(json(http.call("GET", "/api/v1/branches/" + id, admin, null)))
                .isEqualTo(created);

        JsonNode replaced = ok(http.call("PUT", "/api/v1/branches/" + id, admin, """
                {"name": "%s Norte", "time_zone": "Europe/Madrid", "call_policy": "FIFO", "max_recalls": 0,
                 "rebalance_threshold": 12}""".formatted(name)));
        assertThat(replaced.get("name").asString()).isEqualTo(name + " Norte");
        assertThat(replaced.has("address"))
                .as("a replace clears what it does not send")
                .isFalse();
        assertThat(replaced.get("opening_hours").isEmpty()).isTrue();
        assertThat(replaced.get("call_policy").asString()).isEqualTo("FIFO");
        assertThat(replaced.get("max_recalls").asInt()).isZero();

        assertThat(names(ok(http.call("GET", "/api/v1/branches?q=" + name, admin, null))))
                .containsExactly(name + " Norte");
        assertThat(http.call("DELETE", "/api/v1/branches/" + id, admin, null).statusCode())
                .isEqualTo(204);
        assertThat(http.call("DELETE", "/api/v1/branches/" + id, admin, null).statusCode())
                .as("deactivating twice is harmless")
                .isEqualTo(204);
        assertThat(names(ok(http.call("GET", "/api/v1/branches?active=false&q=" + name, admin, null))))
                .containsExactly(name + " Norte");
        assertThat(ok(http.call("GET", "/api/v1/branches?active=true&q=" + name, admin, null))
                        .get("total")
                        .asLong())
                .isZero();

        assertThat(auditActions("branch", id)).containsExactly("CREATE", "UPDATE", "DELETE");
        assertThat(owner.sql("""
                SELECT (summary #>> '{before,time_zone}') || ' -> ' || (summary #>> '{after,time_zone}') FROM audit_log
                WHERE entity_type = 'branch' AND entity_id = :id AND action = 'UPDATE'""").param("id", id).query(String.class).single())
                .isEqualTo("America/Bogota -> Europe/Madrid");
    }

    @Test
    void aBranchNeedsARealTimeZoneAndSaneOpeningHours() {
        String name = unique("Sede");
        assertThat(fields(http.call("POST", "/api/v1/branches", admin, """
                {"name": "%s", "time_zone": "America/Gotham"}""".formatted(name))))
                .containsExactly("time_zone");
        assertThat(fields(http.call("POST", "/api/v1/branches", admin, """
                {"name": "%s", "time_zone": "+05:00"}""".formatted(name))))
                .containsExactly("time_zone");
        var hours = assertProblem(
                http.call("POST", "/api/v1/branches", admin, """
                {"name": "%s", "time_zone": "UTC",
                 "opening_hours": {"FUNDAY": [], "MONDAY": [{"open": "18:00", "close": "08:00"}],
                                   "TUESDAY": [{"open": "7am", "close": "12:00"}],
                                   "FRIDAY": [{"open": "08:00", "close": "12:00"}, {"open": "11:00", "close": "13:00"}]}}""".formatted(name)), 422, "VALIDATION_FAILED");
        assertThat(hours.get("errors")
                        .valueStream()
                        .map(e -> e.get("field").asString())
                        .distinct())
                .containsExactly("opening_hours");
        assertThat(hours.get("errors").valueStream().map(e -> e.get("message").asString()))
                .anyMatch(m -> m.contains("FUNDAY"))
                .anyMatch(m -> m.contains("MONDAY") && m.contains("18:00"))
                .anyMatch(m -> m.contains("7am"))
                .anyMatch(m -> m.contains("se solapan"));
        assertThat(fields(http.call("POST", "/api/v1/branches", admin, """
                {"name": "", "time_zone": "UTC", "call_policy": "RANDOM", "max_recalls": 21, "rebalance_threshold": 0}""")))
                .containsExactlyInAnyOrder("name", "call_policy", "max_recalls", "rebalance_threshold");
        assertProblem(http.call("POST", "/api/v1/branches", admin, """
                {"name": "%s", "time_zone": "UTC", "opening_hours": {"MONDAY": "08:00-12:00"}}""".formatted(name)), 400, "MALFORMED_REQUEST");

        created(http.call("POST", "/api/v1/branches", admin, """
                {"name": "%s", "time_zone": "UTC"}""".formatted(name)));
        var duplicate =
                assertProblem(http.call("POST", "/api/v1/branches", admin, """
                {"name": "%s", "time_zone": "UTC"}""".formatted(name)), 409, "CONFLICT");
        assertThat(duplicate.get("detail").asString()).contains(name);
        assertThat(owner.sql("SELECT count(*) FROM queueing_branches WHERE name = :n")
                        .param("n", name)
                        .query(Long.class)
                        .single())
                .as("nothing half-written")
                .isOne();
    }

    @Test
    void exactlyOneActiveDefaultPriority() {
        JsonNode general = priorityNamed("General");
        assertThat(general.get("is_default").asBoolean()).isTrue();
        assertThat(general.get("weight").asInt()).isOne();
        String generalId = general.get("id").asString();
        String name = unique("Cita");
        try {
            JsonNode cita = created(http.call("POST", "/api/v1/priorities", admin, """
                    {"name": "%s", "weight": 2, "description": "Con cita previa", "is_default": true}""".formatted(name)));
            String citaId = cita.get("id").asString();
            assertThat(cita.get("is_default").asBoolean()).isTrue();
            assertThat(priorityNamed("General").get("is_default").asBoolean())
                    .as("a second default takes the mark from the first")
                    .isFalse();
            assertThat(owner.sql("""
                    SELECT count(*) FROM queueing_priorities p JOIN tenants t ON t.id = p.tenant_id
                    WHERE t.slug = 'demo' AND p.is_default""").query(Long.class).single()).isOne();
            assertThat(auditActions("priority", generalId)).containsExactly("UPDATE");

            var unmark = assertProblem(
                    http.call("PUT", "/api/v1/priorities/" + citaId, admin, """
                    {"name": "%s", "weight": 2, "is_default": false}""".formatted(name)),
                    409,
                    "BUSINESS_RULE_VIOLATION");
            assertThat(unmark.get("detail").asString()).contains(name);
            assertProblem(
                    http.call("DELETE", "/api/v1/priorities/" + citaId, admin, null), 409, "BUSINESS_RULE_VIOLATION");
            assertProblem(
                    http.call("PUT", "/api/v1/priorities/" + citaId, admin, """
                    {"name": "%s", "weight": 2, "is_default": true, "active": false}""".formatted(name)),
                    409,
                    "BUSINESS_RULE_VIOLATION");

            ok(http.call("PUT", "/api/v1/priorities/" + generalId, admin, """
                    {"name": "General", "weight": 1, "description": "Atención en orden de llegada", "is_default": true}"""));
            assertThat(json(http.call("GET", "/api/v1/priorities/" + citaId, admin, null))
                            .get("is_default")
                            .asBoolean())
                    .isFalse();
            assertThat(http.call("DELETE", "/api/v1/priorities/" + citaId, admin, null)
                            .statusCode())
                    .isEqualTo(204);
            assertThat(json(http.call("GET", "/api/v1/priorities/" + citaId, admin, null))
                            .get("active")
                            .asBoolean())
                    .isFalse();
            assertThat(auditActions("priority", citaId)).containsExactly("CREATE", "UPDATE", "DELETE");
        } finally {
            http.call("PUT", "/api/v1/priorities/" + generalId, admin, """
                    {"name": "General", "weight": 1, "description": "Atención en orden de llegada", "is_default": true}""");
        }

        assertThat(fields(http.call("POST", "/api/v1/priorities", admin, """
                {"name": "%s", "weight": 0}""".formatted(unique("Cero")))))
                .containsExactly("weight");
        assertThat(fields(http.call("POST", "/api/v1/priorities", admin, """
                {"name": " ", "weight": 101}""")))
                .containsExactlyInAnyOrder("name", "weight");
        assertThat(fields(http.call("POST", "/api/v1/priorities", admin, """
                {"name": "%s"}""".formatted(unique("Sin peso")))))
                .containsExactly("weight");
        assertProblem(http.call("POST", "/api/v1/priorities", admin, """
                {"name": "Preferencial", "weight": 3}"""), 409, "CONFLICT");
    }

    @Test
    void aQueueTakesTheTenantsActiveWalkInServicesAndItsPrefixIsUniqueInTheBranch() {
        UUID branch = branch(unique("Sede"));
        UUID other = branch(unique("Sede"));
        UUID consulta = QueueFixture.service(http, admin, unique("Q"), 10);
        UUID caja = QueueFixture.service(http, admin, unique("Q"), 5);

        JsonNode queue =
                created(http.call("POST", "/api/v1/queues", admin, """
                {"branch_id": "%s", "name": "General", "prefix": "a", "service_ids": ["%s", "%s", "%s"]}""".formatted(branch, consulta, caja, consulta)));
        String id = queue.get("id").asString();
        assertThat(queue.get("prefix").asString()).isEqualTo("A");
        assertThat(queue.get("branch_id").asString()).isEqualTo(branch.toString());
        assertThat(queue.get("service_ids").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrder(consulta.toString(), caja.toString());
        assertThat(queue.get("services").valueStream().map(s -> s.get("name").asString()))
                .allMatch(n -> n.startsWith("Servicio Q-"));
        assertThat(queue.get("waiting").asInt()).isZero();

        String reception = signedIn.demo("reception", "Reception123!");
        var ticket = http.call("POST", "/api/v1/tickets", reception, """
                {"branch_id": "%s", "service_id": "%s"}""".formatted(branch, caja));
        assertThat(ticket.statusCode()).as(ticket.body()).isEqualTo(201);
        assertThat(json(ticket).get("number").asString()).isEqualTo("A-001");
        assertThat(json(http.call("GET", "/api/v1/queues/" + id, admin, null))
                        .get("waiting")
                        .asInt())
                .isOne();

        var duplicate =
                assertProblem(http.call("POST", "/api/v1/queues", admin, """
                {"branch_id": "%s", "name": "Otra", "prefix": "A"}""".formatted(branch)), 409, "CONFLICT");
        assertThat(duplicate.get("detail").asString()).contains("«A»");
        created(http.call("POST", "/api/v1/queues", admin, """
                {"branch_id": "%s", "name": "General", "prefix": "A"}""".formatted(other)));

        JsonNode replaced = ok(http.call("PUT", "/api/v1/queues/" + id, admin, """
                {"branch_id": "%s", "name": "Consultas", "prefix": "CG", "service_ids": ["%s"]}""".formatted(branch, consulta)));
        assertThat(replaced.get("prefix").asString()).isEqualTo("CG");
        assertThat(replaced.get("service_ids").valueStream().map(JsonNode::asString))
                .containsExactly(consulta.toString());
        assertThat(fields(http.call("PUT", "/api/v1/queues/" + id, admin, """
                {"branch_id": "%s", "name": "Consultas", "prefix": "CG"}""".formatted(other))))
                .isEmpty();

        assertThat(names(ok(http.call("GET", "/api/v1/queues?branch_id=" + branch, admin, null))))
                .containsExactly("Consultas");
        assertThat(names(ok(http.call("GET", "/api/v1/queues?service_id=" + consulta, admin, null))))
                .containsExactly("Consultas");
        assertThat(http.call("DELETE", "/api/v1/queues/" + id, admin, null).statusCode())
                .isEqualTo(204);
        assertThat(json(http.call("GET", "/api/v1/queues/" + id, admin, null))
                        .get("active")
                        .asBoolean())
                .isFalse();
        assertThat(auditActions("queue", id)).containsExactly("CREATE", "UPDATE", "DELETE");
    }

    @Test
    void aQueueRefusesServicesItCannotTakeNamingThem() {
        UUID branch = branch(unique("Sede"));
        UUID otherTenant = UUID.randomUUID();
        UUID foreign = UUID.randomUUID();
        owner.sql("INSERT INTO tenants (id, slug, name) VALUES (:id, :slug, 'Otra')")
                .param("id", otherTenant)
                .param("slug", "otra-" + otherTenant.toString().substring(0, 8))
                .update();
        owner.sql(
                        "INSERT INTO catalog_services (id, tenant_id, code, name) VALUES (:id, :t, 'AJENO', 'Servicio ajeno')")
                .param("id", foreign)
                .param("t", otherTenant)
                .update();
        assertThat(queueRefusal(branch, foreign)).contains(foreign.toString()).contains("no existe");

        UUID inactive = QueueFixture.service(http, admin, unique("Q"), null);
        http.call("DELETE", "/api/v1/services/" + inactive, admin, null);
        assertThat(queueRefusal(branch, inactive)).contains("inactivo");

        String code = unique("CITA");
        UUID bookedOnly = UUID.fromString(created(http.call("POST", "/api/v1/services", admin, """
                {"code": "%s", "name": "Solo con cita", "walk_in": false}""".formatted(code)))
                .get("id")
                .asString());
        assertThat(queueRefusal(branch, bookedOnly)).contains(code).contains("no se atiende por turno");

        var unknownBranch = assertProblem(
                http.call("POST", "/api/v1/queues", admin, """
                {"branch_id": "%s", "name": "X", "prefix": "X"}""".formatted(UUID.randomUUID())), 422, "VALIDATION_FAILED");
        assertThat(unknownBranch.get("detail").asString()).contains("sede");
        assertThat(fields(http.call("POST", "/api/v1/queues", admin, """
                {"name": "", "prefix": "ABCD", "service_ids": [null]}""")))
                .containsExactlyInAnyOrder("branch_id", "name", "prefix", "service_ids[0]");
        assertThat(owner.sql("SELECT count(*) FROM queueing_queues WHERE branch_id = :b")
                        .param("b", branch)
                        .query(Long.class)
                        .single())
                .as("nothing half-written")
                .isZero();
    }

    @Test
    void aDeskServesQueuesOfItsOwnBranchAndOneOperatorSitsAtOneDesk() {
        UUID branch = branch(unique("Sede"));
        UUID other = branch(unique("Sede"));
        UUID service = QueueFixture.service(http, admin, unique("Q"), null);
        String a = queue(branch, "A", service);
        String b = queue(branch, "B", service);
        String c = queue(branch, "C", service);
        String elsewhere = queue(other, "A", service);
        String operator = newOperator(null);

        JsonNode desk = created(http.call("POST", "/api/v1/desks", admin, """
                {"branch_id": "%s", "name": "Ventanilla 1", "queue_ids": ["%s", "%s"], "overflow_queue_ids": ["%s"],
                 "operator_id": "%s"}""".formatted(branch, b, a, c, operator)));
        String id = desk.get("id").asString();
        assertThat(desk.get("queue_ids").valueStream().map(JsonNode::asString)).containsExactly(b, a);
        assertThat(desk.get("overflow_queue_ids").valueStream().map(JsonNode::asString))
                .containsExactly(c);
        assertThat(desk.get("queues")
                        .valueStream()
                        .map(q -> q.get("prefix").asString() + q.get("overflow").asBoolean()))
                .containsExactly("Bfalse", "Afalse", "Ctrue");
        String username = desk.get("operator_username").asString();
        assertThat(username).startsWith("op-");

        var foreignQueue = assertProblem(
                http.call("POST", "/api/v1/desks", admin, """
                {"branch_id": "%s", "name": "Ventanilla 2", "queue_ids": ["%s", "%s"]}""".formatted(branch, a, elsewhere)),
                422,
                "VALIDATION_FAILED");
        assertThat(foreignQueue.get("detail").asString()).contains("es de la sede");
        assertProblem(http.call("POST", "/api/v1/desks", admin, """
                {"branch_id": "%s", "name": "Ventanilla 2", "queue_ids": ["%s"], "overflow_queue_ids": ["%s"]}""".formatted(branch, a, a)), 422, "VALIDATION_FAILED");
        var unknownUser = assertProblem(
                http.call("POST", "/api/v1/desks", admin, """
                {"branch_id": "%s", "name": "Ventanilla 2", "operator_id": "%s"}""".formatted(branch, UUID.randomUUID())),
                422,
                "VALIDATION_FAILED");
        assertThat(unknownUser.get("detail").asString()).contains("usuario");
        String gone = newOperator(false);
        assertThat(assertProblem(
                                http.call("POST", "/api/v1/desks", admin, """
                {"branch_id": "%s", "name": "Ventanilla 2", "operator_id": "%s"}""".formatted(branch, gone)),
                                422,
                                "VALIDATION_FAILED")
                        .get("detail")
                        .asString())
                .contains("inactivo");
        var busy = assertProblem(
                http.call("POST", "/api/v1/desks", admin, """
                {"branch_id": "%s", "name": "Ventanilla 2", "operator_id": "%s"}""".formatted(branch, operator)), 409, "CONFLICT");
        assertThat(busy.get("detail").asString()).contains("Ventanilla 1");
        assertProblem(http.call("POST", "/api/v1/desks", admin, """
                {"branch_id": "%s", "name": "Ventanilla 1"}""".formatted(branch)), 409, "CONFLICT");

        String second = created(http.call("POST", "/api/v1/desks", admin, """
                {"branch_id": "%s", "name": "Ventanilla 2", "queue_ids": ["%s"]}""".formatted(branch, c)))
                .get("id")
                .asString();
        String supervisor = signedIn.demo("supervisor", "Supervisor123!");
        assertProblem(
                http.call(
                        "PUT",
                        "/api/v1/desks/" + second + "/operator",
                        supervisor,
                        "{\"operator_id\": \"" + operator + "\"}"),
                409,
                "CONFLICT");
        assertThat(ok(http.call("PUT", "/api/v1/desks/" + id + "/operator", supervisor, "{\"operator_id\": null}"))
                        .has("operator_id"))
                .isFalse();
        assertThat(ok(http.call(
                                "PUT",
                                "/api/v1/desks/" + second + "/operator",
                                supervisor,
                                "{\"operator_id\": \"" + operator + "\"}"))
                        .get("operator_username")
                        .asString())
                .isEqualTo(username);
        assertProblem(
                http.call("POST", "/api/v1/desks", supervisor, """
                {"branch_id": "%s", "name": "Ventanilla 9"}""".formatted(branch)), 403, "INSUFFICIENT_PERMISSIONS");

        JsonNode replaced = ok(http.call("PUT", "/api/v1/desks/" + id, admin, """
                {"branch_id": "%s", "name": "Ventanilla Uno", "queue_ids": ["%s"], "overflow_queue_ids": ["%s", "%s"]}""".formatted(branch, a, c, b)));
        assertThat(replaced.get("overflow_queue_ids").valueStream().map(JsonNode::asString))
                .containsExactly(c, b);
        assertProblem(http.call("PUT", "/api/v1/desks/" + id, admin, """
                {"branch_id": "%s", "name": "Ventanilla Uno"}""".formatted(other)), 422, "VALIDATION_FAILED");
        assertThat(names(ok(http.call("GET", "/api/v1/desks?branch_id=" + branch + "&queue_id=" + b, admin, null))))
                .containsExactly("Ventanilla Uno");
        assertThat(names(ok(http.call("GET", "/api/v1/desks?operator_id=" + operator, admin, null))))
                .containsExactly("Ventanilla 2");

        assertThat(http.call("DELETE", "/api/v1/desks/" + second, admin, null).statusCode())
                .isEqualTo(204);
        assertThat(ok(http.call(
                                "PUT",
                                "/api/v1/desks/" + id + "/operator",
                                supervisor,
                                "{\"operator_id\": \"" + operator + "\"}"))
                        .get("operator_id")
                        .asString())
                .as("an inactive desk holds nobody back")
                .isEqualTo(operator);
        assertThat(auditActions("desk", id)).containsExactly("CREATE", "UPDATE", "UPDATE", "UPDATE");
        assertThat(owner.sql("""
                SELECT (summary #>> '{before,operator}') || ' -> ' || coalesce(summary #>> '{after,operator}', 'nadie')
                FROM audit_log WHERE entity_type = 'desk' AND entity_id = :id AND action = 'UPDATE' ORDER BY id LIMIT 1""").param("id", id).query(String.class).single()).isEqualTo(username + " -> nadie");
    }

    @Test
    void aViewerReadsTheConfigurationButChangesNothing() {
        UUID branch = branch(unique("Sede"));
        String desk = created(http.call("POST", "/api/v1/desks", admin, """
                {"branch_id": "%s", "name": "Ventanilla 1"}""".formatted(branch)))
                .get("id")
                .asString();
        String viewer = signedIn.demo("viewer", "Viewer123!");
        for (String collection : List.of("branches", "priorities", "queues", "desks")) {
            assertThat(http.call("GET", "/api/v1/" + collection, viewer, null).statusCode())
                    .as(collection)
                    .isEqualTo(200);
            assertProblem(http.call("POST", "/api/v1/" + collection, viewer, "{}"), 403, "INSUFFICIENT_PERMISSIONS");
        }
        assertThat(http.call("GET", "/api/v1/branches/" + branch, viewer, null).statusCode())
                .isEqualTo(200);
        assertProblem(http.call("PUT", "/api/v1/branches/" + branch, viewer, "{}"), 403, "INSUFFICIENT_PERMISSIONS");
        assertProblem(http.call("DELETE", "/api/v1/branches/" + branch, viewer, null), 403, "INSUFFICIENT_PERMISSIONS");
        assertProblem(
                http.call("PUT", "/api/v1/desks/" + desk + "/operator", viewer, "{}"), 403, "INSUFFICIENT_PERMISSIONS");
        assertProblem(http.call("DELETE", "/api/v1/desks/" + desk, viewer, null), 403, "INSUFFICIENT_PERMISSIONS");
        String patient = signedIn.demo("patient", "Patient123!");
        assertProblem(http.call("GET", "/api/v1/branches", patient, null), 403, "INSUFFICIENT_PERMISSIONS");
    }

    @Test
    void anotherTenantsConfigurationDoesNotExistForTheCaller() {
        UUID otherTenant = UUID.randomUUID();
        UUID branch = UUID.randomUUID();
        UUID queue = UUID.randomUUID();
        UUID desk = UUID.randomUUID();
        UUID priority = UUID.randomUUID();
        owner.sql("INSERT INTO tenants (id, slug, name) VALUES (:id, :slug, 'Otra')")
                .param("id", otherTenant)
                .param("slug", "otra-" + otherTenant.toString().substring(0, 8))
                .update();
        owner.sql("INSERT INTO queueing_branches (id, tenant_id, name, time_zone) VALUES (:id, :t, 'Ajena', 'UTC')")
                .param("id", branch)
                .param("t", otherTenant)
                .update();
        owner.sql(
                        "INSERT INTO queueing_queues (id, tenant_id, branch_id, name, prefix) VALUES (:id, :t, :b, 'Ajena', 'A')")
                .param("id", queue)
                .param("t", otherTenant)
                .param("b", branch)
                .update();
        owner.sql("INSERT INTO queueing_desks (id, tenant_id, branch_id, name) VALUES (:id, :t, :b, 'Ajena')")
                .param("id", desk)
                .param("t", otherTenant)
                .param("b", branch)
                .update();
        owner.sql("INSERT INTO queueing_priorities (id, tenant_id, name, weight) VALUES (:id, :t, 'Ajena', 7)")
                .param("id", priority)
                .param("t", otherTenant)
                .update();

        for (String path :
                List.of("branches/" + branch, "queues/" + queue, "desks/" + desk, "priorities/" + priority)) {
            assertProblem(http.call("GET", "/api/v1/" + path, admin, null), 404, "NOT_FOUND");
            assertProblem(http.call("DELETE", "/api/v1/" + path, admin, null), 404, "NOT_FOUND");
        }
        assertProblem(http.call("PUT", "/api/v1/branches/" + branch, admin, """
                {"name": "Robada", "time_zone": "UTC"}"""), 404, "NOT_FOUND");
        assertProblem(http.call("PUT", "/api/v1/priorities/" + priority, admin, """
                {"name": "Robada", "weight": 1}"""), 404, "NOT_FOUND");
        assertProblem(http.call("PUT", "/api/v1/queues/" + queue, admin, """
                {"branch_id": "%s", "name": "Robada", "prefix": "R"}""".formatted(branch)), 404, "NOT_FOUND");
        assertProblem(http.call("PUT", "/api/v1/desks/" + desk + "/operator", admin, "{}"), 404, "NOT_FOUND");
        assertProblem(http.call("POST", "/api/v1/queues", admin, """
                {"branch_id": "%s", "name": "Intrusa", "prefix": "I"}""".formatted(branch)), 422, "VALIDATION_FAILED");
        UUID mine = branch(unique("Sede"));
        var foreignQueue = assertProblem(
                http.call("POST", "/api/v1/desks", admin, """
                {"branch_id": "%s", "name": "Intrusa", "queue_ids": ["%s"]}""".formatted(mine, queue)), 422, "VALIDATION_FAILED");
        assertThat(foreignQueue.get("detail").asString()).contains(queue.toString());
        assertThat(names(ok(http.call("GET", "/api/v1/branches?q=Ajena", admin, null))))
                .isEmpty();
        assertThat(owner.sql("SELECT active FROM queueing_branches WHERE id = :id")
                        .param("id", branch)
                        .query(Boolean.class)
                        .single())
                .as("the refused DELETE changed nothing")
                .isTrue();
    }

    private String queueRefusal(UUID branch, UUID service) {
        var refused = assertProblem(
                http.call("POST", "/api/v1/queues", admin, """
                {"branch_id": "%s", "name": "Cola", "prefix": "Z", "service_ids": ["%s"]}""".formatted(branch, service)), 422, "VALIDATION_FAILED");
        return refused.get("detail").asString();
    }

    private UUID branch(String name) {
        return UUID.fromString(created(http.call("POST", "/api/v1/branches", admin, """
                {"name": "%s", "time_zone": "America/Bogota"}""".formatted(name)))
                .get("id")
                .asString());
    }

    private String queue(UUID branch, String prefix, UUID service) {
        return created(http.call("POST", "/api/v1/queues", admin, """
                {"branch_id": "%s", "name": "Cola %s", "prefix": "%s", "service_ids": ["%s"]}""".formatted(branch, prefix, prefix, service)))
                .get("id")
                .asString();
    }

    private JsonNode priorityNamed(String name) {
        return ok(http.call("GET", "/api/v1/priorities?size=200", admin, null))
                .get("items")
                .valueStream()
                .filter(p -> p.get("name").asString().equals(name))
                .findFirst()
                .orElseThrow();
    }

    /** A new OPERATOR of the demo tenant, active unless {@code active} is false; answers its id. */
    private String newOperator(Boolean active) {
        String username = "op-" + UUID.randomUUID().toString().substring(0, 8);
        return created(http.call(
                        "POST", "/api/v1/users", admin, """
                {"username": "%s", "full_name": "Operador %s", "password": "Operador-2026", "roles": ["OPERATOR"],
                 "active": %s}""".formatted(username, username, active == null || active)))
                .get("id")
                .asString();
    }

    private List<String> auditActions(String entity, String id) {
        return owner.sql("SELECT action FROM audit_log WHERE entity_type = :e AND entity_id = :id ORDER BY id")
                .param("e", entity)
                .param("id", id)
                .query(String.class)
                .list();
    }

    private static JsonNode created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static List<String> names(JsonNode page) {
        return page.get("items")
                .valueStream()
                .map(item -> item.get("name").asString())
                .toList();
    }

    /** The fields of a 422 VALIDATION_FAILED; empty when it named none (a refusal of the domain). */
    private static List<String> fields(HttpResponse<String> response) {
        JsonNode problem = assertProblem(response, 422, "VALIDATION_FAILED");
        return problem.has("errors")
                ? problem.get("errors")
                        .valueStream()
                        .map(e -> e.get("field").asString())
                        .distinct()
                        .toList()
                : List.of();
    }

    private static String unique(String prefix) {
        return (prefix + "-" + UUID.randomUUID().toString().substring(0, 8)).toUpperCase();
    }
}
