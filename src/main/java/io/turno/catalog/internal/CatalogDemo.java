package io.turno.catalog.internal;

import java.math.BigDecimal;
import java.util.List;

import io.turno.catalog.internal.CatalogService.ServiceCommand;
import io.turno.identity.DemoOrganization;
import io.turno.shared.Actor;
import io.turno.shared.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Gives the demo organization (when {@code turno.identity.demo} is on) the services of a small
 * clinic, once: only while its catalog is empty, so what an administrator changes later stays.
 * Runs after identity has created the demo tenant and before queueing builds its demo office on
 * these services.
 */
@Component
@Order(20)
class CatalogDemo implements ApplicationRunner {

    /** The demo's services; TERAPIA is booked as an appointment, never served by turn. */
    static final List<ServiceCommand> SERVICES = List.of(
            new ServiceCommand(
                    "CONS-GEN",
                    "Consulta general",
                    "Valoración médica general",
                    true,
                    true,
                    15,
                    new BigDecimal("45000"),
                    "COP",
                    true),
            new ServiceCommand("CAJA", "Caja y pagos", "Pagos, copagos y facturas", true, false, 5, null, null, true),
            new ServiceCommand(
                    "ENTREGA",
                    "Entrega de resultados",
                    "Resultados de laboratorio e imágenes",
                    true,
                    false,
                    3,
                    null,
                    null,
                    true),
            new ServiceCommand(
                    "TERAPIA",
                    "Terapia física",
                    "Sesión de fisioterapia con cita",
                    false,
                    true,
                    45,
                    new BigDecimal("80000"),
                    "COP",
                    true));

    private static final Logger log = LoggerFactory.getLogger(CatalogDemo.class);

    private final DemoOrganization demo;
    private final CatalogService catalog;
    private final JdbcServices rows;

    CatalogDemo(DemoOrganization demo, CatalogService catalog, JdbcServices rows) {
        this.demo = demo;
        this.catalog = catalog;
        this.rows = rows;
    }

    @Override
    public void run(ApplicationArguments args) {
        demo.seed(this::seed);
    }

    private void seed(TenantId tenant) {
        // Instances starting together on one database seed one after the other; the second finds services.
        rows.lockDemoSeeding();
        if (!rows.isEmpty(tenant)) {
            return;
        }
        var system = Actor.system(tenant);
        SERVICES.forEach(service -> catalog.create(system, service));
        log.info("Loaded {} demo services into the catalog of '{}'", SERVICES.size(), DemoOrganization.SLUG);
    }
}
