package io.turno.queueing;

import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import io.turno.TestHttp;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A branch of the demo tenant with queues and desks, written as the database owner. */
final class QueueFixture {

    final JdbcClient owner;
    final UUID tenant;
    final UUID branch = UUID.randomUUID();

    QueueFixture(JdbcClient owner, String timeZone) {
        this.owner = owner;
        this.tenant = owner.sql("SELECT id FROM tenants WHERE slug = 'demo'")
                .query(UUID.class)
                .single();
        owner.sql("INSERT INTO queueing_branches (id, tenant_id, name, time_zone) VALUES (:id, :t, :name, :tz)")
                .param("id", branch)
                .param("t", tenant)
                .param("name", "Sede " + branch)
                .param("tz", timeZone)
                .update();
    }

    /** A walk-in service created through the API, as an administrator would. */
    static UUID service(TestHttp http, String admin, String code, Integer minutes) {
        var created = http.call("POST", "/api/v1/services", admin, """
                {"code": "%s", "name": "Servicio %s", "walk_in": true, "duration_minutes": %s}""".formatted(code, code, minutes));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return UUID.fromString(json(created).get("id").asString());
    }

    UUID queue(String prefix, UUID... services) {
        UUID id = UUID.randomUUID();
        owner.sql(
                        "INSERT INTO queueing_queues (id, tenant_id, branch_id, name, prefix) VALUES (:id, :t, :b, :name, :p)")
                .param("id", id)
                .param("t", tenant)
                .param("b", branch)
                .param("name", "Cola " + prefix)
                .param("p", prefix)
                .update();
        for (UUID service : services) {
            owner.sql("INSERT INTO queueing_queue_services (tenant_id, queue_id, service_id) VALUES (:t, :q, :s)")
                    .param("t", tenant)
                    .param("q", id)
                    .param("s", service)
                    .update();
        }
        return id;
    }

    UUID desk(String name, List<UUID> queues, List<UUID> overflow) {
        UUID id = UUID.randomUUID();
        owner.sql("INSERT INTO queueing_desks (id, tenant_id, branch_id, name) VALUES (:id, :t, :b, :name)")
                .param("id", id)
                .param("t", tenant)
                .param("b", branch)
                .param("name", name)
                .update();
        int position = 0;
        for (UUID queue : queues) {
            link(id, queue, position++, false);
        }
        for (UUID queue : overflow) {
            link(id, queue, position++, true);
        }
        return id;
    }

    UUID priority(String name) {
        return owner.sql("SELECT id FROM queueing_priorities WHERE tenant_id = :t AND name = :n")
                .param("t", tenant)
                .param("n", name)
                .query(UUID.class)
                .single();
    }

    private void link(UUID desk, UUID queue, int position, boolean overflow) {
        owner.sql("""
                INSERT INTO queueing_desk_queues (tenant_id, desk_id, queue_id, position, overflow)
                VALUES (:t, :d, :q, :p, :o)""")
                .param("t", tenant)
                .param("d", desk)
                .param("q", queue)
                .param("p", position)
                .param("o", overflow)
                .update();
    }
}
