package io.turno.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The {@code prod} profile loads no demo data; the first administrator and the platform's
 * SUPER_ADMIN come from configuration.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "turno.identity.bootstrap.tenant=acme",
            "turno.identity.bootstrap.tenant-name=ACME Salud",
            "turno.identity.bootstrap.admin-username=root-admin",
            "turno.identity.bootstrap.admin-password=Cambiar-esto-1",
            "turno.identity.bootstrap.admin-email=it@acme.example",
            "turno.identity.bootstrap.platform-password=Plataforma-1"
        })
@ActiveProfiles("prod")
class ProductionModeTests {

    JdbcClient jdbc;

    @Autowired
    void ownerConnection(javax.sql.DataSource dataSource) {
        jdbc = io.turno.TestDatabase.owner(dataSource);
    }

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @Test
    void theSessionCookieTravelsOnlyOverHttps() {
        var cookie = new io.turno.TestHttp(port)
                .get("/login").headers().allValues("Set-Cookie").stream()
                        .filter(c -> c.startsWith("TURNO_SESSION="))
                        .findFirst()
                        .orElseThrow();
        assertThat(cookie).contains("Secure", "HttpOnly", "SameSite=Strict");
    }

    @Test
    void createsOnlyTheConfiguredTenantAndItsAdministrator() {
        assertThat(jdbc.sql("SELECT slug FROM tenants").query(String.class).list())
                .containsExactlyInAnyOrder("acme", "platform");
        var admin = jdbc.sql("""
                SELECT u.username || ':' || r.code FROM users u
                JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id""").query(String.class).list();
        assertThat(admin).containsExactlyInAnyOrder("root-admin:ADMIN", "root:SUPER_ADMIN");
        assertThat(jdbc.sql("SELECT count(*) FROM roles").query(Long.class).single())
                .isEqualTo(8 + 1);
    }
}
