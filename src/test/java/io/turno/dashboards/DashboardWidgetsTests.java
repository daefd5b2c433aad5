package io.turno.dashboards;

import static io.turno.TestHttp.assertProblem;
import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.turno.RecordedEvents;
import io.turno.TestDatabase;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import io.turno.customers.Customers;
import io.turno.queueing.QueueChanged;
import io.turno.scheduling.SchedulingFixture;
import io.turno.shared.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The widgets' figures over the API, each against the owning module's own endpoint over the same range,
 * on data the test creates in the demo organization; what each built-in role sees; refresh and filters.
 */
@TurnoTest
class DashboardWidgetsTests {

    @LocalServerPort
    int port;

    @Autowired
    Customers customers;

    @Autowired
    RecordedEvents events;

    JdbcClient owner;
    TestHttp http;
    UUID demo;
    ZoneId zone;

    @Autowired
    void ownerConnection(javax.sql.DataSource dataSource) {
        owner = TestDatabase.owner(dataSource);
    }

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
        demo = owner.sql("SELECT id FROM tenants WHERE slug = 'demo'")
                .query(UUID.class)
                .single();
        zone = ZoneId.of(owner.sql("SELECT time_zone FROM tenants WHERE slug = 'demo'")
                .query(String.class)
                .single());
    }

    @Test
    void eachBuiltInRoleSeesItsOwnTemplatesWidgetsAndNothingItsPermissionsForbid() {
        Map<String, String> permissionOf = new HashMap<>();
        json(http.call("GET", "/api/v1/widget-catalog", http.demoToken("admin", "Admin123!"), null))
                .forEach(w -> permissionOf.put(
                        w.get("code").asString(), w.get("permission").asString()));
        Map<String, String> users = Map.of(
                "ADMIN", "admin",
                "MANAGER", "manager",
                "SUPERVISOR", "supervisor",
                "RECEPTIONIST", "reception",
                "THERAPIST", "therapist",
                "OPERATOR", "operator",
                "VIEWER", "viewer",
                "PATIENT", "patient");
        String admin = http.demoToken("admin", "Admin123!");
        users.forEach((role, username) -> {
            String password = Character.toUpperCase(username.charAt(0)) + username.substring(1) + "123!";
            String token = http.demoToken(username, password);
            Set<String> held = new HashSet<>();
            json(http.call("GET", "/api/v1/auth/me", token, null))
                    .get("permissions")
                    .forEach(p -> held.add(p.asString()));
            JsonNode dashboard = json(http.call("GET", "/api/v1/dashboard", token, null));
            assertThat(dashboard.get("role").asString()).as(username).isEqualTo(role);
            List<String> template = DashboardTemplatesTests.widgets(
                    json(http.call("GET", "/api/v1/dashboard-templates/" + role, admin, null)));
            List<String> seen = DashboardTemplatesTests.widgets(dashboard);
            assertThat(seen).as(role).isNotEmpty();
            assertThat(template).as(role).containsAll(seen);
            assertThat(seen).as(role + " sees only what it may").allMatch(w -> held.contains(permissionOf.get(w)));
            assertThat(template.stream().filter(w -> held.contains(permissionOf.get(w))))
                    .as(role + " sees all it may")
                    .containsExactlyElementsOf(seen);
            dashboard
                    .get("widgets")
                    .forEach(w -> assertThat(w.has("error"))
                            .as(role + " " + w.get("widget").asString() + ": "
                                    + w.path("error").asString())
                            .isFalse());
        });
    }

    @Test
    void plantWidgetsEqualTheProductionEndpointsOverTheSameRange() {
        String admin = http.demoToken("admin", "Admin123!");
        String code = "D" + suffix();
        UUID line =
                UUID.fromString(created(http.call("POST", "/api/v1/production/lines", admin, """
                {"code": "%s", "name": "Tablero %s", "downtime_threshold_seconds": 300}""".formatted(code, code)))
                        .get("id")
                        .asString());
        created(http.call("POST", "/api/v1/production/areas", admin, """
                {"line_id": "%s", "name": "Salida", "type": "OUTPUT"}""".formatted(line)));
        String product = "P" + suffix();
        created(http.call("POST", "/api/v1/production/products", admin, """
                {"code": "%s", "name": "Caja %s", "ideal_cycle_seconds": 50}""".formatted(product, product)));
        created(http.call("POST", "/api/v1/production/shifts", admin, """
                {"name": "Todo %s", "start": "00:00", "end": "23:59"}""".formatted(suffix())));
        LocalDate day = LocalDate.of(2025, 6, 2);
        Instant from = day.atTime(8, 0).atZone(zone).toInstant();
        StringBuilder rows = new StringBuilder("[");
        for (int minute = 0; minute < 60; minute++) {
            if (minute >= 20 && minute < 40) {
                continue;
            }
            rows.append(rows.length() > 1 ? "," : "")
                    .append("""
                    {"line_code": "%s", "area": "Salida", "product_code": "%s", "detected_at": "%s", "rejected": %s}""".formatted(code, product, from.plusSeconds(60L * minute), minute % 10 == 0));
        }
        var stored = http.call(
                "POST", "/api/v1/production/detections", http.demoToken("operator", "Operator123!"), rows + "]");
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);

        String supervisor = http.demoToken("supervisor", "Supervisor123!");
        JsonNode widgets = json(http.call(
                "GET",
                "/api/v1/dashboard/widgets?types=oee_cards,production_series,product_mix&line_id=" + line + "&from="
                        + day + "&to=" + day,
                supervisor,
                null));
        String range = "line_id=" + line + "&from=" + day.atStartOfDay(zone).toInstant() + "&to="
                + day.plusDays(1).atStartOfDay(zone).toInstant();
        JsonNode kpis = json(http.call("GET", "/api/v1/production/kpis?" + range, supervisor, null));
        JsonNode oee = widget(widgets, "oee_cards").get("data");
        assertThat(card(oee, "oee")).isEqualTo(kpis.get("oee").asDouble());
        assertThat(card(oee, "availability")).isEqualTo(kpis.get("availability").asDouble());
        assertThat(card(oee, "performance")).isEqualTo(kpis.get("performance").asDouble());
        assertThat(card(oee, "quality"))
                .isEqualTo(kpis.get("quality").asDouble())
                .isEqualTo(36 / 40.0);

        JsonNode series = widget(widgets, "production_series").get("data");
        double made = 0;
        for (JsonNode dataset : series.get("datasets")) {
            for (JsonNode value : dataset.get("data")) {
                made += value.asDouble();
            }
        }
        assertThat(made).isEqualTo(kpis.get("total").asDouble()).isEqualTo(40);
        JsonNode mix = widget(widgets, "product_mix").get("data");
        assertThat(mix.get("labels").get(0).asString()).isEqualTo("Caja " + product);
        assertThat(mix.at("/datasets/0/data/0").asDouble()).isEqualTo(40);
    }

    @Test
    void queueWidgetsCountTheBranchesWaitingTicketsAndRefreshSendsOnlyWhatChanged() {
        String admin = http.demoToken("admin", "Admin123!");
        String reception = http.demoToken("reception", "Reception123!");
        String supervisor = http.demoToken("supervisor", "Supervisor123!");
        UUID branch = UUID.randomUUID();
        owner.sql("INSERT INTO queueing_branches (id, tenant_id, name, time_zone) VALUES (:id, :t, :n, :z)")
                .param("id", branch)
                .param("t", demo)
                .param("n", "Sede tablero " + suffix())
                .param("z", zone.getId())
                .update();
        var service = created(http.call("POST", "/api/v1/services", admin, """
                {"code": "TB-%s", "name": "Tablero", "walk_in": true, "duration_minutes": 10}""".formatted(suffix())));
        UUID queue = UUID.randomUUID();
        owner.sql(
                        "INSERT INTO queueing_queues (id, tenant_id, branch_id, name, prefix) VALUES (:id, :t, :b, 'Cola T', 'T')")
                .param("id", queue)
                .param("t", demo)
                .param("b", branch)
                .update();
        owner.sql("INSERT INTO queueing_queue_services (tenant_id, queue_id, service_id) VALUES (:t, :q, :s)")
                .param("t", demo)
                .param("q", queue)
                .param("s", UUID.fromString(service.get("id").asString()))
                .update();
        for (int i = 0; i < 3; i++) {
            created(http.call("POST", "/api/v1/tickets", reception, """
                    {"branch_id": "%s", "service_id": "%s"}""".formatted(
                            branch, service.get("id").asString())));
        }

        String filter = "branch_id=" + branch;
        JsonNode dashboard = json(http.call("GET", "/api/v1/dashboard?" + filter, supervisor, null));
        JsonNode waiting = widget(dashboard, "waiting_now").get("data");
        assertThat(waiting.get("labels").get(0).asString()).isEqualTo("Cola T");
        JsonNode board = json(http.call("GET", "/api/v1/branches/" + branch + "/board", supervisor, null));
        assertThat(waiting.at("/datasets/0/data/0").asDouble())
                .isEqualTo(board.at("/waiting/0/waiting").asDouble())
                .isEqualTo(3);
        assertThat(widget(dashboard, "longest_waiting").at("/data/rows").size()).isEqualTo(3);
        JsonNode stats = json(http.call("GET", "/api/v1/queues/stats?group_by=hour&" + filter, supervisor, null));
        JsonNode perHour = widget(dashboard, "tickets_per_hour").get("data");
        assertThat(perHour.get("labels").size()).isEqualTo(stats.get("rows").size());
        assertThat(perHour.at("/datasets/0/data/0").asDouble())
                .isEqualTo(stats.at("/rows/0/tickets").asDouble());

        String token = dashboard.get("token").asString();
        JsonNode unchanged =
                json(http.call("GET", "/api/v1/dashboard/refresh?since=" + token + "&" + filter, supervisor, null));
        assertThat(unchanged.get("complete").asBoolean()).isFalse();
        assertThat(DashboardTemplatesTests.widgets(unchanged)).doesNotContain("waiting_now", "longest_waiting");
        created(http.call("POST", "/api/v1/tickets", reception, """
                {"branch_id": "%s", "service_id": "%s"}""".formatted(
                        branch, service.get("id").asString())));
        JsonNode changed =
                json(http.call("GET", "/api/v1/dashboard/refresh?since=" + token + "&" + filter, supervisor, null));
        assertThat(DashboardTemplatesTests.widgets(changed))
                .contains("waiting_now", "longest_waiting", "tickets_per_hour");
        assertThat(widget(changed, "waiting_now").at("/data/datasets/0/data/0").asDouble())
                .isEqualTo(4);
        assertThat(owner.sql(
                                "SELECT count(*) FROM audit_query_log WHERE kind = 'dashboards.refresh' AND username = 'supervisor'")
                        .query(Long.class)
                        .single())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void figuresAreSharedForAMomentAndWhatAPersonJustSavedIsOnTheNextDashboard() {
        String admin = http.demoToken("admin", "Admin123!");
        String reception = http.demoToken("reception", "Reception123!");
        var branch = new QueueBranch(owner, http, admin);
        String path = "/api/v1/dashboard/widgets?types=waiting_now&branch_id=" + branch.branch;
        branch.issue(http, reception);
        // PostgreSQL's notification of the ticket (QueueChanged) follows its commit by a moment and starts another
        // generation: it must not fall between the two reads below.
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(5))
                .until(() -> events.all().stream()
                        .anyMatch(e -> e instanceof QueueChanged changed
                                && changed.branchId().equals(branch.branch)));
        assertThat(waitingNow(path, admin)).isEqualTo(1);

        copyWaitingTicketUnannounced(branch);
        assertThat(waitingNow(path, admin))
                .as("a change no event announces waits for the shared figures to expire")
                .isEqualTo(1);

        branch.issue(http, reception);
        assertThat(waitingNow(path, admin))
                .as("an issued ticket starts a new generation as it commits")
                .isEqualTo(3);

        copyWaitingTicketUnannounced(branch);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(5))
                .until(() -> waitingNow(path, admin) == 4);
    }

    private double waitingNow(String path, String token) {
        return widget(json(http.call("GET", path, token, null)), "waiting_now")
                .at("/data/datasets/0/data/0")
                .asDouble();
    }

    /** A waiting ticket written past queueing, so no event or notification says so. */
    private void copyWaitingTicketUnannounced(QueueBranch branch) {
        owner.sql("""
                INSERT INTO queueing_tickets (id, tenant_id, branch_id, queue_id, service_id, priority_id, weight,
                                              service_day, number, display_number, status, issued_at, public_token)
                SELECT gen_random_uuid(), tenant_id, branch_id, queue_id, service_id, priority_id, weight, service_day,
                       number + 500, display_number || 'X', 'WAITING', issued_at, md5(random()::text)
                FROM queueing_tickets WHERE branch_id = :b ORDER BY number DESC LIMIT 1""").param("b", branch.branch).update();
    }

    @Test
    void incomeByMethodEqualsTheDailyCashReport() {
        String reception = http.demoToken("reception", "Reception123!");
        String manager = http.demoToken("manager", "Manager123!");
        var customer = created(http.call("POST", "/api/v1/customers", reception, """
                {"document_type": "CC", "document_number": "%s", "full_name": "Cliente Tablero"}""".formatted(
                        Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L) + 1_000_000L)));
        for (String method : List.of("CASH", "CASH", "TRANSFER")) {
            created(http.call("POST", "/api/v1/payments", reception, """
                    {"customer_id": "%s", "method": "%s", "amount": "12500.00", "currency": "COP"}""".formatted(
                            customer.get("id").asString(), method)));
        }
        LocalDate today = LocalDate.now(zone);
        JsonNode widgets = json(http.call(
                "GET",
                "/api/v1/dashboard/widgets?types=income_by_method&from=" + today + "&to=" + today,
                manager,
                null));
        JsonNode income = widget(widgets, "income_by_method").get("data");
        JsonNode cash = json(http.call("POST", "/api/v1/reports/improved-daily-cash", manager, """
                {"date": "%s"}""".formatted(today)));
        int checked = 0;
        for (JsonNode row : cash.get("methods")) {
            if (row.get("count").asLong() == 0) {
                continue;
            }
            int at = income.get("labels")
                    .valueStream()
                    .map(JsonNode::asString)
                    .toList()
                    .indexOf(row.get("method").asString());
            JsonNode currency = income.get("datasets")
                    .valueStream()
                    .filter(d ->
                            d.get("label").asString().equals(row.get("currency").asString()))
                    .findFirst()
                    .orElseThrow();
            assertThat(currency.get("data").get(at).asDouble())
                    .as(row.toString())
                    .isEqualTo(Double.parseDouble(row.get("net").asString()));
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(2);
    }

    @Test
    void appointmentWidgetsCountWhatSchedulingListsAndATherapistSeesOnlyTheirOwn() {
        String admin = http.demoToken("admin", "Admin123!");
        var clinic = new SchedulingFixture(http, admin, zone.getId(), 30);
        UUID patient = clinic.customer();
        String reception = http.demoToken("reception", "Reception123!");
        clinic.bookAppointment(reception, patient, 45, "09:00");
        clinic.bookAppointment(reception, patient, 45, "10:00");
        LocalDate day = clinic.day(45);
        String manager = http.demoToken("manager", "Manager123!");

        JsonNode widgets = json(http.call(
                "GET", "/api/v1/dashboard/widgets?types=appointments_today&from=" + day + "&to=" + day, manager, null));
        JsonNode listed = json(http.call(
                "GET",
                "/api/v1/appointments?status=REQUESTED&size=200&date_from=" + day + "&date_to=" + day,
                manager,
                null));
        double requested = card(widget(widgets, "appointments_today").get("data"), "requested");
        assertThat(requested).isEqualTo(listed.get("total").asDouble()).isGreaterThanOrEqualTo(2);

        JsonNode own = json(http.call(
                "GET", "/api/v1/dashboard/widgets?types=upcoming_appointments", clinic.therapistToken(), null));
        JsonNode rows = widget(own, "upcoming_appointments").at("/data/rows");
        assertThat(rows.size()).isEqualTo(2);
        assertThat(rows.valueStream().map(r -> r.get(1).asString())).containsOnly("Terapeuta " + clinic.suffix);
        assertThat(rows.get(0).get(0).asString()).isEqualTo(day + " 09:00");

        var off = http.call("POST", "/api/v1/practitioners/" + clinic.practitioner + "/time-off", admin, """
                {"start": "%s", "end": "%s", "reason": "Congreso"}""".formatted(
                        clinic.at(day, "15:00"), clinic.at(day, "18:00")));
        assertThat(off.statusCode()).as(off.body()).isEqualTo(201);
        JsonNode load = widget(
                        json(http.call(
                                "GET",
                                "/api/v1/dashboard/widgets?types=therapist_load&from=" + day + "&to=" + day,
                                manager,
                                null)),
                        "therapist_load")
                .get("data");
        int at = load.get("labels")
                .valueStream()
                .map(JsonNode::asString)
                .toList()
                .indexOf("Terapeuta " + clinic.suffix);
        assertThat(load.at("/datasets/0/data/" + at).asDouble())
                .as("two half-hour sessions")
                .isEqualTo(1.0);
        assertThat(load.at("/datasets/1/data/" + at).asDouble())
                .as("08:00–17:00 less lunch, less the time off from 15:00 (past the day's end at 17:00)")
                .isEqualTo(6.0);
        clinic.signOut();
    }

    @Test
    void aPatientSeesTheirNextAppointmentsAndTheirWaitingTicketWithItsPlaceInTheQueue() {
        String admin = http.demoToken("admin", "Admin123!");
        var clinic = new SchedulingFixture(http, admin, zone.getId(), 30);
        Object[] patient = clinic.patient(customers, new TenantId(demo));
        UUID customer = (UUID) patient[0];
        String token = (String) patient[1];
        String reception = http.demoToken("reception", "Reception123!");
        clinic.bookAppointment(reception, customer, 3, "09:00");
        clinic.bookAppointment(reception, customer, 4, "10:00");

        JsonNode dashboard = json(http.call("GET", "/api/v1/dashboard", token, null));
        assertThat(dashboard.get("role").asString()).isEqualTo("PATIENT");
        assertThat(DashboardTemplatesTests.widgets(dashboard)).containsExactly("my_ticket", "upcoming_appointments");
        assertThat(widget(dashboard, "my_ticket").at("/data/note").asString())
                .as("no ticket waiting yet")
                .isNotBlank();
        JsonNode appointments = widget(dashboard, "upcoming_appointments").at("/data/rows");
        assertThat(appointments.valueStream().map(r -> r.get(0).asString()))
                .containsExactly(clinic.day(3) + " 09:00", clinic.day(4) + " 10:00");

        String branch = json(http.call("GET", "/api/v1/branches?q=Sede%20Centro", reception, null))
                .at("/items/0/id")
                .asString();
        String service = json(http.call("GET", "/api/v1/services?q=CONS-GEN", reception, null))
                .at("/items/0/id")
                .asString();
        JsonNode someoneElse = created(http.call("POST", "/api/v1/tickets", reception, """
                {"branch_id": "%s", "service_id": "%s"}""".formatted(branch, service)));
        JsonNode issued =
                created(http.call("POST", "/api/v1/tickets", reception, """
                {"branch_id": "%s", "service_id": "%s", "customer_id": "%s"}""".formatted(branch, service, customer)));
        String ticket = issued.get("id").asString();
        try {
            JsonNode rows = widget(
                            json(http.call("GET", "/api/v1/dashboard/widgets?types=my_ticket", token, null)),
                            "my_ticket")
                    .at("/data/rows");
            assertThat(rows.size()).isOne();
            JsonNode held = json(http.get(issued.get("status_url").asString()));
            assertThat(rows.get(0).get(0).asString())
                    .isEqualTo(issued.get("number").asString());
            assertThat(rows.get(0).get(1).asString())
                    .isEqualTo(held.get("queue_name").asString());
            assertThat(rows.get(0).get(2).asString())
                    .as("its place, as queueing tells the ticket's holder")
                    .isEqualTo(Integer.toString(held.get("ahead").asInt() + 1));
            assertThat(rows.get(0).get(3).asString())
                    .isEqualTo(held.get("branch_name").asString());

            assertThat(widget(
                                    json(http.call(
                                            "GET",
                                            "/api/v1/dashboard/widgets?types=my_ticket",
                                            http.demoToken("patient", "Patient123!"),
                                            null)),
                                    "my_ticket")
                            .at("/data/rows")
                            .valueStream()
                            .map(r -> r.get(0).asString()))
                    .as("another patient does not see it")
                    .doesNotContain(issued.get("number").asString());

            if (someoneElse.get("queue_id").equals(issued.get("queue_id"))) {
                int before = Integer.parseInt(rows.get(0).get(2).asString());
                created(http.call(
                        "POST", "/api/v1/tickets/" + someoneElse.get("id").asString() + "/cancel", reception, null));
                assertThat(widget(
                                        json(http.call(
                                                "GET", "/api/v1/dashboard/widgets?types=my_ticket", token, null)),
                                        "my_ticket")
                                .at("/data/rows/0/2")
                                .asString())
                        .as("one ticket ahead fewer")
                        .isEqualTo(Integer.toString(before - 1));
            }
        } finally {
            http.call("POST", "/api/v1/tickets/" + someoneElse.get("id").asString() + "/cancel", reception, null);
            created(http.call("POST", "/api/v1/tickets/" + ticket + "/cancel", reception, null));
        }
        assertThat(widget(json(http.call("GET", "/api/v1/dashboard/widgets?types=my_ticket", token, null)), "my_ticket")
                        .at("/data/note")
                        .asString())
                .as("a cancelled ticket waits no more")
                .isNotBlank();
        clinic.signOut();
    }

    @Test
    void aCustomRoleGetsTheBuiltInTemplateInForceThatShowsItTheMostWithOnlyWhatItMaySee() {
        String admin = http.demoToken("admin", "Admin123!");
        String plantRole = "JEFE_PLANTA_" + suffix();
        String plantLead = customUser(admin, plantRole, "\"dashboards:read\", \"detections:read\"");
        JsonNode plant = json(http.call("GET", "/api/v1/dashboard", plantLead, null));
        assertThat(plant.get("role").asString()).isEqualTo(plantRole);
        assertThat(DashboardTemplatesTests.widgets(plant))
                .as("OPERATOR's template: five plant widgets, more than any other template shows this role")
                .containsExactly("oee_cards", "production_series", "product_mix", "line_comparison", "downtime_table");
        plant.get("widgets")
                .forEach(w -> assertThat(w.has("error")).as(w.toString()).isFalse());

        String deskRole = "JEFE_SALA_" + suffix();
        String deskLead = customUser(
                admin, deskRole, "\"dashboards:read\", \"detections:read\", \"tickets:read\", \"billing:reports\"");
        assertThat(DashboardTemplatesTests.widgets(json(http.call("GET", "/api/v1/dashboard", deskLead, null))))
                .as("SUPERVISOR's template (five, tied with OPERATOR's and first by precedence), what it may see")
                .containsExactly(
                        "waiting_now", "longest_waiting", "income_by_method", "oee_cards", "production_series");

        var saved = http.call("PUT", "/api/v1/dashboard-templates/SUPERVISOR", admin, """
                {"widgets": [{"widget": "longest_waiting", "width": 4, "parameters": {}},
                             {"widget": "waiting_now", "width": 2, "parameters": {}},
                             {"widget": "oee_cards", "width": 2, "parameters": {}},
                             {"widget": "product_mix", "width": 2, "parameters": {}},
                             {"widget": "wait_by_priority", "width": 2, "parameters": {}},
                             {"widget": "income_by_method", "width": 2, "parameters": {}}]}""");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        try {
            JsonNode own = json(http.call("GET", "/api/v1/dashboard", deskLead, null));
            assertThat(DashboardTemplatesTests.widgets(own))
                    .as("the organization's SUPERVISOR template in force, as it shows five still")
                    .containsExactly("longest_waiting", "waiting_now", "oee_cards", "product_mix", "income_by_method");
            assertThat(own.get("source").asString()).isEqualTo("TENANT");
        } finally {
            http.call("DELETE", "/api/v1/dashboard-templates/SUPERVISOR", admin, null);
        }
    }

    /** A user holding only a new role of the organization with {@code permissions} (JSON strings); their token. */
    private String customUser(String admin, String role, String permissions) {
        created(http.call("POST", "/api/v1/roles", admin, """
                {"code": "%s", "name": "Rol %s", "permissions": [%s]}""".formatted(role, role, permissions)));
        String username = role.toLowerCase(java.util.Locale.ROOT);
        created(http.call("POST", "/api/v1/users", admin, """
                {"username": "%s", "full_name": "Persona %s", "password": "Custom123!x", "roles": ["%s"]}""".formatted(username, role, role)));
        return http.demoToken(username, "Custom123!x");
    }

    @Test
    void rangesAndRefreshTokensAreCheckedWithMessagesNamingTheField() {
        String supervisor = http.demoToken("supervisor", "Supervisor123!");
        JsonNode backwards = assertProblem(
                http.call("GET", "/api/v1/dashboard?from=2026-03-10&to=2026-03-01", supervisor, null),
                422,
                "VALIDATION_FAILED");
        assertThat(backwards.at("/errors/0/field").asString()).isEqualTo("from");
        JsonNode tooLong = assertProblem(
                http.call("GET", "/api/v1/dashboard?from=2024-01-01&to=2026-01-01", supervisor, null),
                422,
                "VALIDATION_FAILED");
        assertThat(tooLong.at("/errors/0/field").asString()).isEqualTo("to");
        assertThat(tooLong.at("/errors/0/message").asString()).contains("366");
        assertThat(assertProblem(
                                http.call("GET", "/api/v1/dashboard/refresh?since=yesterday", supervisor, null),
                                422,
                                "VALIDATION_FAILED")
                        .at("/errors/0/field")
                        .asString())
                .isEqualTo("since");
        assertThat(assertProblem(
                                http.call("GET", "/api/v1/dashboard/widgets?types=horoscope", supervisor, null),
                                422,
                                "VALIDATION_FAILED")
                        .at("/errors/0/field")
                        .asString())
                .isEqualTo("types");
        // The filters bind into one record from the address: a value that is not a date or an id is named.
        for (String[] unreadable : new String[][] {
            {"/api/v1/dashboard?line_id=L1", "line_id"},
            {"/api/v1/dashboard/widgets?types=oee_cards&shift_id=morning", "shift_id"},
            {"/api/v1/dashboard/refresh?since=0123456789ab&from=2026-13-45", "from"},
            {"/api/v1/dashboard?board=office", "board"}
        }) {
            assertThat(assertProblem(http.call("GET", unreadable[0], supervisor, null), 422, "VALIDATION_FAILED")
                            .at("/errors/0/field")
                            .asString())
                    .as(unreadable[0])
                    .isEqualTo(unreadable[1]);
        }
        JsonNode ranged = json(http.call("GET", "/api/v1/dashboard?from=2026-03-01&to=2026-03-10", supervisor, null));
        assertThat(ranged.get("from").asString()).isEqualTo("2026-03-01");
        assertThat(ranged.get("to").asString()).isEqualTo("2026-03-10");
    }

    private static JsonNode widget(JsonNode dashboard, String code) {
        return dashboard
                .get("widgets")
                .valueStream()
                .filter(w -> w.get("widget").asString().equals(code))
                .findFirst()
                .orElseThrow(() -> new AssertionError(code + " not in " + dashboard));
    }

    private static double card(JsonNode data, String key) {
        return data.get("cards")
                .valueStream()
                .filter(c -> c.get("key").asString().equals(key))
                .findFirst()
                .orElseThrow()
                .get("value")
                .asDouble();
    }

    private static JsonNode created(java.net.http.HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
        return json(response);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    }
}
