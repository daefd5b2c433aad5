package io.turno.production;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.UUID;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.turno.PageSession;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The plant's shifts and client-database pages through a browser's requests: forms, refusals, secrets. */
@TurnoTest
class PlantPagesTests {

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Test
    void anAdministratorAddsAShiftAfterARefusedFormAndAViewerOnlyReadsThem() {
        var admin = PageSession.signIn(new TestHttp(port), "demo", "admin", "Admin123!");
        String name = "Noche " + UUID.randomUUID().toString().substring(0, 6);

        var refused = admin.post(
                "/production/shifts",
                "name",
                "",
                "start",
                "25:00",
                "end",
                "06:00",
                "breaks",
                "02:00 a 02:30",
                "active",
                "true");
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body())
                .contains("id=\"name-error\"", "id=\"start-error\"", "id=\"breaks-error\"")
                .contains("value=\"25:00\"", "value=\"02:00 a 02:30\"")
                .doesNotContain("id=\"end-error\"");
        var sameTime = admin.post(
                "/production/shifts", "name", name, "start", "06:00", "end", "06:00", "breaks", "", "active", "true");
        assertThat(sameTime.body()).contains("id=\"end-error\"", "value=\"" + name + "\"");

        var saved = admin.submit(
                "/production/shifts",
                "name",
                name,
                "start",
                "22:00",
                "end",
                "06:00",
                "breaks",
                "02:00-02:30, 04:00-04:10",
                "active",
                "true");
        assertThat(saved.body()).contains(name, "value=\"22:00\"", "value=\"02:00-02:30, 04:00-04:10\"");
        assertThat(admin.get("/production/shifts").body()).contains(name, "22:00 – 06:00", "02:00 – 02:30");

        var viewer = PageSession.signIn(new TestHttp(port), "demo", "viewer", "Viewer123!");
        var list = viewer.get("/production/shifts");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("Mañana", "06:00 – 14:00").doesNotContain("/production/shifts/new");
        assertThat(viewer.get("/production/shifts/new").statusCode()).isEqualTo(403);
        assertThat(viewer.get("/production/sources").statusCode()).isEqualTo(403);
    }

    @Test
    void anAdministratorRegistersADatabaseVerifiesItAndThePasswordIsNeverInAPage() throws Exception {
        var admin = PageSession.signIn(new TestHttp(port), "demo", "admin", "Admin123!");
        String secret = "S3creto-" + UUID.randomUUID();

        var refused = admin.post(
                "/production/sources",
                "name",
                "",
                "kind",
                "POSTGRESQL",
                "host",
                "mal host!",
                "port",
                "cinco",
                "database",
                "planta",
                "username",
                "lector",
                "password",
                secret,
                "active",
                "true");
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body())
                .contains("id=\"name-error\"", "id=\"host-error\"", "id=\"port-error\"")
                .contains("value=\"mal host!\"", "value=\"cinco\"", "value=\"lector\"")
                .doesNotContain(secret);
        var noPassword = admin.post(
                "/production/sources",
                "name",
                "Sin clave",
                "kind",
                "POSTGRESQL",
                "host",
                "db.example.com",
                "port",
                "5432",
                "database",
                "planta",
                "username",
                "lector",
                "password",
                "",
                "active",
                "true");
        assertThat(noPassword.body()).contains("id=\"password-error\"", "value=\"db.example.com\"");

        // The tests' own PostgreSQL (it trusts local connections, so any password does), as a client
        // database: it has none of seed 002's tables.
        var pool = dataSource.unwrap(HikariDataSource.class);
        URI url = URI.create(pool.getJdbcUrl().substring("jdbc:".length()));
        String name = "Planta " + UUID.randomUUID().toString().substring(0, 6);
        var saved = admin.submit(
                "/production/sources",
                "name",
                name,
                "kind",
                "POSTGRESQL",
                "host",
                url.getHost(),
                "port",
                String.valueOf(url.getPort()),
                "database",
                url.getPath().substring(1),
                "username",
                pool.getUsername(),
                "password",
                secret,
                "active",
                "true");
        assertThat(saved.body()).contains(name, "id=\"verify-form\"").doesNotContain(secret);
        String id = PageSession.find(saved.body(), "action=\"/production/sources/([0-9a-f-]{36})/verify\"");
        assertThat(admin.get("/production/sources").body()).contains(name).doesNotContain(secret);

        var kept = admin.submit(
                "/production/sources/" + id,
                "name",
                name,
                "kind",
                "POSTGRESQL",
                "host",
                url.getHost(),
                "port",
                String.valueOf(url.getPort()),
                "database",
                url.getPath().substring(1),
                "username",
                pool.getUsername(),
                "password",
                "",
                "active",
                "true");
        assertThat(kept.body()).doesNotContain(secret);

        var report = admin.post("/production/sources/" + id + "/verify");
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.body())
                .contains("id=\"verify-tables\"", "PRODUCTION_LINE", "SHIFT", "A la base de datos le falta algo")
                .doesNotContain(secret, "id=\"verify-failure\"");
    }
}
