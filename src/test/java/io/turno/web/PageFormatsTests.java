package io.turno.web;

import static io.turno.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.turno.PageSession;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import io.turno.shared.Formats;
import io.turno.shared.TenantId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Pages write moments in their organization's zone and money in its currency, in the reader's language. */
@TurnoTest
class PageFormatsTests {

    private static final Locale ES = Locale.of("es");

    @LocalServerPort
    int port;

    @Autowired
    Formatting formatting;

    @Test
    void theAuditPageShowsTimesInEachOrganizationsZone() {
        var http = new TestHttp(port);
        String slug = "madrid-" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        var created =
                http.call("POST", "/api/v1/tenants", http.token("platform", "root", "Root123!"), """
                {"slug": "%s", "name": "Clínica Madrid", "time_zone": "Europe/Madrid", "currency": "EUR",
                 "admin": {"username": "jefa", "full_name": "Jefa Madrid", "password": "Madrid-Clave-1"}}""".formatted(slug));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        var madrid = PageSession.signIn(http, slug, "jefa", "Madrid-Clave-1");
        var bogota = PageSession.signIn(http, "demo", "admin", "Admin123!");
        Instant madridLogin = lastLogin(http, http.token(slug, "jefa", "Madrid-Clave-1"));
        Instant bogotaLogin = lastLogin(http, http.demoToken("admin", "Admin123!"));

        assertThat(madrid.get("/audit?action=LOGIN").body())
                .contains("Horas en Europe/Madrid.")
                .contains(Formats.of(ES, ZoneId.of("Europe/Madrid"), "EUR").dateTimeSeconds(madridLogin));
        assertThat(madrid.inEnglish().get("/audit?action=LOGIN").body())
                .contains("Times in Europe/Madrid.")
                .contains(Formats.of(Locale.ENGLISH, ZoneId.of("Europe/Madrid"), "EUR")
                        .dateTimeSeconds(madridLogin));
        assertThat(bogota.get("/audit?action=LOGIN").body())
                .contains("Horas en America/Bogota.")
                .contains(Formats.of(ES, ZoneId.of("America/Bogota"), "COP").dateTimeSeconds(bogotaLogin));
    }

    @Test
    void anOrganizationsNewCurrencyIsWhatItsNextPageWrites() {
        var http = new TestHttp(port);
        String root = http.token("platform", "root", "Root123!");
        String slug = "lisboa-" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        var created = json(http.call("POST", "/api/v1/tenants", root, """
                {"slug": "%s", "name": "Clínica Lisboa", "time_zone": "Europe/Lisbon", "currency": "EUR"}""".formatted(slug)));
        var tenant = new TenantId(UUID.fromString(created.get("id").asString()));
        var price = new BigDecimal("80000.00");
        assertThat(formatting.of(tenant, ES).money(price)).isEqualTo("80.000,00\u00a0€");
        assertThat(formatting.of(tenant, ES).zone()).hasToString("Europe/Lisbon");

        var changed = http.call("PUT", "/api/v1/tenants/" + tenant.value(), root, "{\"currency\": \"COP\"}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(formatting.of(tenant, ES).money(price)).isEqualTo("$\u00a080.000");
        assertThat(formatting.of(tenant, Locale.ENGLISH).money(price)).isEqualTo("COP\u00a080,000");
        assertThat(formatting.of(null, ES).zone()).hasToString("America/Bogota");
    }

    private static Instant lastLogin(TestHttp http, String token) {
        var logins = json(http.call("GET", "/api/v1/audit?action=LOGIN&size=1", token, null));
        return Instant.parse(logins.get("items").get(0).get("occurred_at").asString());
    }
}
