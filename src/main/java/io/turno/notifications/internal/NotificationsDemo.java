package io.turno.notifications.internal;

import java.util.List;
import java.util.Map;

import io.turno.identity.DemoOrganization;
import io.turno.notifications.internal.Cases.CaseCommand;
import io.turno.notifications.internal.Cases.CaseStatus;
import io.turno.notifications.internal.Cases.Party;
import io.turno.notifications.internal.Providers.ProviderCommand;
import io.turno.shared.Actor;
import io.turno.shared.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindException;

/**
 * Gives the demo organization (when {@code turno.identity.demo} is on) something on the
 * communications pages, once: the case {@value #CASE_NUMBER} with one party to notify, and an email
 * provider to look at, disabled (priority 100), so the demo's mail still goes through the default
 * server until someone fills in a real one. Each only while absent, so what people change stays.
 */
@Component
@Order(50)
class NotificationsDemo implements ApplicationRunner {

    static final String CASE_NUMBER = "DEMO-0001";
    static final String PROVIDER_NAME = "Correo de la demo (desactivado)";

    private static final Logger log = LoggerFactory.getLogger(NotificationsDemo.class);

    private final DemoOrganization demo;
    private final Cases cases;
    private final CaseStore caseRows;
    private final Providers providers;

    NotificationsDemo(DemoOrganization demo, Cases cases, CaseStore caseRows, Providers providers) {
        this.demo = demo;
        this.cases = cases;
        this.caseRows = caseRows;
        this.providers = providers;
    }

    @Override
    public void run(ApplicationArguments args) {
        demo.seed(this::seed);
    }

    private void seed(TenantId tenant) {
        caseRows.lockDemoSeeding();
        var system = Actor.system(tenant);
        boolean hasCase = cases.list(system, CASE_NUMBER, null, null, 0, 1).items().stream()
                .anyMatch(c -> CASE_NUMBER.equals(c.number()));
        if (!hasCase) {
            cases.create(
                    system,
                    new CaseCommand(
                            CASE_NUMBER,
                            "Tutela",
                            CaseStatus.OPEN,
                            List.of(new Party(
                                    "Ana Demandante", "Demandante", "ana.demandante@demo.turno.local", null, false)),
                            "Caso de demostración: envíe una notificación a la parte desde esta página."));
            log.info("Loaded the demo case {} of '{}'", CASE_NUMBER, DemoOrganization.SLUG);
        }
        if (providers.list(system).stream().noneMatch(p -> p.channel() == Channel.EMAIL)) {
            try {
                providers.create(
                        system,
                        new ProviderCommand(
                                Channel.EMAIL,
                                ProviderKind.SMTP,
                                PROVIDER_NAME,
                                100,
                                false,
                                Map.of("host", "smtp.example.com", "port", "587", "starttls", "true"),
                                Map.of()));
                log.info("Loaded the demo email provider of '{}' (disabled)", DemoOrganization.SLUG);
            } catch (BindException refused) {
                log.warn("No demo email provider: {}", refused.getMessage());
            }
        }
    }
}
