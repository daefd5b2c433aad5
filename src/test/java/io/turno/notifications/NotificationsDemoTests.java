package io.turno.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.turno.PageSession;
import io.turno.TestHttp;
import io.turno.TurnoTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The demo organization's communications pages show a case to notify from and an email provider to look at. */
@TurnoTest
class NotificationsDemoTests {

    @LocalServerPort
    int port;

    @Test
    void theDemoHasACaseAndADisabledEmailProvider() {
        var http = new TestHttp(port);
        var manager = PageSession.signIn(http, "demo", "admin", "Admin123!");

        var cases = manager.get("/cases?q=DEMO-0001");
        assertThat(cases.statusCode()).isEqualTo(200);
        assertThat(cases.body()).contains("DEMO-0001");
        String id = PageSession.find(cases.body(), "href=\"/cases/([0-9a-f-]{36})\"");
        var kase = manager.get("/cases/" + id);
        assertThat(kase.body()).contains("Ana Demandante").contains("ana.demandante@demo.turno.local");

        var providers = manager.get("/notification-providers");
        assertThat(providers.statusCode()).isEqualTo(200);
        assertThat(providers.body()).contains("Correo de la demo (desactivado)");
    }
}
