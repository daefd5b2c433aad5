package io.turno.notifications.internal;

import java.util.Map;
import java.util.Set;

import io.turno.shared.ModulePermissions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationsProperties.class)
class NotificationsPermissions {

    private static final Set<String> SENDERS = Set.of("MANAGER", "SUPERVISOR", "RECEPTIONIST");
    private static final Set<String> READERS = Set.of("MANAGER", "SUPERVISOR", "RECEPTIONIST", "VIEWER");

    @Bean
    ModulePermissions notificationsModulePermissions() {
        return new ModulePermissions(Map.ofEntries(
                Map.entry("notifications:create", SENDERS),
                Map.entry("notifications:read", READERS),
                // cancel and resend
                Map.entry("notifications:update", SENDERS),
                Map.entry("templates:read", READERS),
                Map.entry("templates:create", Set.of("MANAGER")),
                Map.entry("templates:update", Set.of("MANAGER")),
                Map.entry("templates:delete", Set.of("MANAGER")),
                Map.entry("providers:read", Set.of("MANAGER")),
                Map.entry("providers:create", Set.<String>of()),
                Map.entry("providers:update", Set.<String>of()),
                Map.entry("providers:delete", Set.<String>of()),
                Map.entry("cases:read", READERS),
                Map.entry("cases:create", SENDERS),
                Map.entry("cases:update", SENDERS)));
    }
}
