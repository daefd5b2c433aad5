package io.turno.dashboards;

import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.turno.TestHttp;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A branch of the demo organization with one queue («Cola V») of one walk-in service, to issue tickets at. */
final class QueueBranch {

    final UUID tenant;
    final UUID branch = UUID.randomUUID();
    final UUID queue = UUID.randomUUID();
    final String service;

    QueueBranch(JdbcClient owner, TestHttp http, String admin) {
        tenant = owner.sql("SELECT id FROM tenants WHERE slug = 'demo'")
                .query(UUID.class)
                .single();
        String suffix = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        owner.sql("INSERT INTO queueing_branches (id, tenant_id, name, time_zone) "
                        + "SELECT :id, id, :n, time_zone FROM tenants WHERE id = :t")
                .param("id", branch)
                .param("t", tenant)
                .param("n", "Sede en vivo " + suffix)
                .update();
        var created = http.call("POST", "/api/v1/services", admin, """
                {"code": "LV-%s", "name": "En vivo", "walk_in": true, "duration_minutes": 10}""".formatted(suffix));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        service = json(created).get("id").asString();
        owner.sql(
                        "INSERT INTO queueing_queues (id, tenant_id, branch_id, name, prefix) VALUES (:id, :t, :b, 'Cola V', 'V')")
                .param("id", queue)
                .param("t", tenant)
                .param("b", branch)
                .update();
        owner.sql("INSERT INTO queueing_queue_services (tenant_id, queue_id, service_id) VALUES (:t, :q, :s)")
                .param("t", tenant)
                .param("q", queue)
                .param("s", UUID.fromString(service))
                .update();
    }

    /** A ticket issued over the API of the instance {@code http} calls. */
    void issue(TestHttp http, String reception) {
        var issued = http.call("POST", "/api/v1/tickets", reception, """
                {"branch_id": "%s", "service_id": "%s"}""".formatted(branch, service));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
    }
}
