package io.turno.queueing;

import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.turno.TestDatabase;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The demo organization starts as a working office: services, Sede Centro, queues A B C and three desks. */
@TurnoTest
class DemoOfficeTests {

    /** Every demo row of the catalog and of queueing, one line each, in a stable order. */
    private static final String DEMO_ROWS = """
            SELECT format('service %s %s walk_in=%s bookable=%s minutes=%s %s', s.code, s.name, s.walk_in::text, s.bookable::text,
                          s.duration_minutes, s.id)
            FROM catalog_services s JOIN tenants t ON t.id = s.tenant_id WHERE t.slug = 'demo'
            UNION ALL
            SELECT format('branch %s %s %s %s', b.name, b.time_zone, b.opening_hours, b.id)
            FROM queueing_branches b JOIN tenants t ON t.id = b.tenant_id WHERE t.slug = 'demo'
            UNION ALL
            SELECT format('queue %s %s %s %s', q.prefix, q.name,
                          (SELECT string_agg(s.code, ',' ORDER BY s.code) FROM queueing_queue_services qs
                           JOIN catalog_services s ON s.id = qs.service_id WHERE qs.queue_id = q.id), q.id)
            FROM queueing_queues q JOIN tenants t ON t.id = q.tenant_id WHERE t.slug = 'demo'
            UNION ALL
            SELECT format('desk %s operator=%s %s %s', d.name, coalesce(u.username, '-'),
                          (SELECT string_agg(q.prefix || CASE WHEN dq.overflow THEN '+' ELSE '' END, ',' ORDER BY dq.position)
                           FROM queueing_desk_queues dq JOIN queueing_queues q ON q.id = dq.queue_id
                           WHERE dq.desk_id = d.id), d.id)
            FROM queueing_desks d JOIN tenants t ON t.id = d.tenant_id LEFT JOIN users u ON u.id = d.operator_id
            WHERE t.slug = 'demo'
            ORDER BY 1
            """;

    @LocalServerPort
    int port;

    @Autowired
    List<ApplicationRunner> runners;

    JdbcClient owner;

    @Autowired
    void ownerConnection(javax.sql.DataSource dataSource) {
        owner = TestDatabase.owner(dataSource);
    }

    @Test
    void theDemoOfficeIsLoadedOnceWhateverTheRunsAndOnlyWhereItWasMissing() throws Exception {
        List<String> seeded = demoRows();
        assertThat(seeded.stream().map(row -> row.substring(0, row.lastIndexOf(' '))))
                .contains(
                        "service CAJA Caja y pagos walk_in=true bookable=false minutes=5",
                        "service CONS-GEN Consulta general walk_in=true bookable=true minutes=15",
                        "service ENTREGA Entrega de resultados walk_in=true bookable=false minutes=3",
                        "service TERAPIA Terapia física walk_in=false bookable=true minutes=45",
                        "queue A General CONS-GEN",
                        "queue B Caja CAJA",
                        "queue C Resultados ENTREGA",
                        "desk Ventanilla 1 operator=reception A,B+",
                        "desk Ventanilla 2 operator=- B,A+,C+",
                        "desk Ventanilla 3 operator=- C,A+")
                .anyMatch(row -> row.startsWith("branch Sede Centro America/Bogota")
                        && row.contains("\"MONDAY\": [{\"open\": \"07:00\", \"close\": \"18:00\"}]")
                        && row.contains("\"SATURDAY\": [{\"open\": \"08:00\", \"close\": \"12:00\"}]")
                        && !row.contains("SUNDAY"));
        assertThat(owner.sql("""
                SELECT count(*) FROM audit_log a JOIN tenants t ON t.id = a.tenant_id
                WHERE t.slug = 'demo' AND a.actor_name = 'system' AND a.entity_type IN ('service', 'branch', 'queue', 'desk')""").query(Long.class).single())
                .as("the seeding is audited like any change")
                .isEqualTo(4 + 1 + 3 + 3);

        for (int run = 0; run < 2; run++) {
            for (ApplicationRunner runner : turnoRunners()) {
                runner.run(new DefaultApplicationArguments());
            }
        }
        assertThat(demoRows()).as("running the seeders again changes nothing").isEqualTo(seeded);
    }

    @Test
    void aDemoTicketIsIssuedAndCalledAtVentanillaOne() {
        var http = new TestHttp(port);
        String reception = http.demoToken("reception", "Reception123!");
        try {
            String branch = only(json(http.call("GET", "/api/v1/branches?q=Sede%20Centro", reception, null)));
            String service = only(json(http.call("GET", "/api/v1/services?q=CONS-GEN", reception, null)));
            String desk =
                    only(json(http.call("GET", "/api/v1/desks?q=Ventanilla%201&branch_id=" + branch, reception, null)));

            var issued = http.call("POST", "/api/v1/tickets", reception, """
                    {"branch_id": "%s", "service_id": "%s"}""".formatted(branch, service));
            assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
            JsonNode ticket = json(issued);
            assertThat(ticket.get("number").asString()).startsWith("A-");

            var called = http.call("POST", "/api/v1/desks/" + desk + "/call-next", reception, null);
            assertThat(called.statusCode()).as(called.body()).isEqualTo(200);
            assertThat(json(called).get("id").asString())
                    .isEqualTo(ticket.get("id").asString());
            assertThat(json(called).get("desk_name").asString()).isEqualTo("Ventanilla 1");
            var completed =
                    http.call("POST", "/api/v1/tickets/" + ticket.get("id").asString() + "/complete", reception, null);
            assertThat(completed.statusCode()).as(completed.body()).isEqualTo(200);
        } finally {
            http.call("POST", "/api/v1/auth/logout", reception, null);
        }
    }

    private List<ApplicationRunner> turnoRunners() {
        List<ApplicationRunner> mine = new ArrayList<>();
        for (ApplicationRunner runner : runners) {
            String module = AopUtils.getTargetClass(runner).getPackageName();
            if (module.startsWith("io.turno.identity")
                    || module.startsWith("io.turno.catalog")
                    || module.startsWith("io.turno.queueing")) {
                mine.add(runner);
            }
        }
        assertThat(mine).hasSize(4);
        return mine;
    }

    private List<String> demoRows() {
        return owner.sql(DEMO_ROWS).query(String.class).list();
    }

    private static String only(JsonNode page) {
        assertThat(page.get("total").asLong()).as(page.toString()).isOne();
        return page.get("items").get(0).get("id").asString();
    }
}
