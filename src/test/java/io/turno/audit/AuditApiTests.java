package io.turno.audit;

import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import io.turno.TestHttp;
import io.turno.TurnoTest;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

@TurnoTest
class AuditApiTests {

    @LocalServerPort
    int port;

    JdbcClient jdbc;

    @Autowired
    void ownerConnection(javax.sql.DataSource dataSource) {
        jdbc = io.turno.TestDatabase.owner(dataSource);
    }

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    QueryLog queries;

    TestHttp http;

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
    }

    @Test
    void anAdminSearchesTheLogAndVerifiesTheChainWhichReportsATamperedRow() {
        String admin = http.demoToken("admin", "Admin123!");
        JsonNode logins = json(get("/api/v1/audit?action=LOGIN&actor=admin&size=5", admin));
        assertThat(logins.get("total").asLong()).isPositive();
        assertThat(logins.get("items").get(0).get("action").asString()).isEqualTo("LOGIN");
        assertThat(logins.get("items").get(0).get("actor_name").asString()).isEqualTo("admin");
        assertThat(logins.get("size").asInt()).isEqualTo(5);

        JsonNode intact = json(get("/api/v1/audit/verify", admin));
        assertThat(intact.get("valid").asBoolean()).isTrue();
        assertThat(intact.get("checked").asLong()).isGreaterThan(8);

        long victim = logins.get("items").get(0).get("id").asLong();
        transactions.executeWithoutResult(status -> {
            jdbc.sql("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only")
                    .update();
            jdbc.sql("UPDATE audit_log SET ip = '10.6.6.6' WHERE id = :id")
                    .param("id", victim)
                    .update();
            jdbc.sql("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only")
                    .update();
        });
        JsonNode broken = json(get("/api/v1/audit/verify", admin));
        assertThat(broken.get("valid").asBoolean()).isFalse();
        assertThat(broken.get("first_broken_id").asLong()).isEqualTo(victim);
    }

    @Test
    void badFiltersAreValidationFailures() {
        String admin = http.demoToken("admin", "Admin123!");
        var response = get("/api/v1/audit?from=yesterday&size=9999", admin);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(json(response).get("code").asString()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void recordedQueriesAreListedForTheirTenantOnly() {
        var demo = new TenantId(jdbc.sql("SELECT id FROM tenants WHERE slug = 'demo'")
                .query(java.util.UUID.class)
                .single());
        var platform = new TenantId(jdbc.sql("SELECT id FROM tenants WHERE slug = 'platform'")
                .query(java.util.UUID.class)
                .single());
        TenantScope.run(demo, () -> {
            queries.record(new QueryLog.QueryEntry(
                    demo,
                    null,
                    "manager",
                    "production.oee",
                    java.util.Map.of("line", "L1", "from", "2026-11-01"),
                    30,
                    12));
            queries.record(
                    new QueryLog.QueryEntry(demo, null, "manager", "production.downtime", java.util.Map.of(), 4, 3));
        });
        TenantScope.run(
                platform,
                () -> queries.record(
                        new QueryLog.QueryEntry(platform, null, "root", "production.oee", java.util.Map.of(), 1, 1)));

        JsonNode oee = json(get("/api/v1/audit/queries?kind=production.oee", http.demoToken("viewer", "Viewer123!")));
        assertThat(oee.get("total").asLong()).isOne();
        assertThat(oee.get("items").get(0).get("username").asString()).isEqualTo("manager");
        assertThat(oee.get("items").get(0).get("filters").get("line").asString())
                .isEqualTo("L1");
        assertThat(oee.get("items").get(0).get("duration_millis").asLong()).isEqualTo(12);
        // Other tests of the shared context query as manager too, some on a clock moved forward.
        JsonNode byManager = json(get("/api/v1/audit/queries?username=manager", http.demoToken("admin", "Admin123!")))
                .get("items");
        assertThat(byManager.valueStream().map(query -> query.get("username").asString()))
                .containsOnly("manager");
        assertThat(byManager.valueStream().map(query -> query.get("kind").asString()))
                .contains("production.downtime");
    }

    private HttpResponse<String> get(String path, String token) {
        return http.send(http.request(path).header("Authorization", "Bearer " + token));
    }
}
