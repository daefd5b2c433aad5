package io.turno.identity.internal;

import java.util.stream.Collectors;

import io.turno.identity.DemoOrganization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells whoever started Turno where it is and, in demo mode, how to sign in. */
@Component
class ReadyBanner {

    private static final Logger log = LoggerFactory.getLogger(ReadyBanner.class);

    private final IdentityProperties properties;

    ReadyBanner(IdentityProperties properties) {
        this.properties = properties;
    }

    @EventListener
    void ready(ApplicationReadyEvent event) {
        if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
            return;
        }
        Environment env = event.getApplicationContext().getEnvironment();
        String address = env.getProperty("server.address", "localhost");
        String url = "http://" + ("0.0.0.0".equals(address) ? "localhost" : address) + ":"
                + web.getWebServer().getPort();
        if (!properties.demo()) {
            log.info("Turno is ready at {}", url);
            return;
        }
        String users = BuiltInRole.tenantRoles().stream()
                .map(role -> String.format("  %-12s %-16s %s", role.demoUsername(), role.demoPassword(), role.name()))
                .collect(Collectors.joining("\n"));
        log.info(
                """

                ================================================================
                 Turno is ready at {}
                 Demo tenant '{}' — sign in with any of these (user, password, role):
                {}
                 Tenant '{}': {} / {} (SUPER_ADMIN, manages tenants)
                 API docs: {}/api/docs
                ================================================================""",
                url,
                DemoOrganization.SLUG,
                users,
                IdentitySeeder.PLATFORM_TENANT,
                BuiltInRole.SUPER_ADMIN.demoUsername(),
                BuiltInRole.SUPER_ADMIN.demoPassword(),
                url);
    }
}
