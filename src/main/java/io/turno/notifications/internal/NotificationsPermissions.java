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
        return new ModulePermissions(Map.of(
                "notifications:create", SENDERS,
                "notifications:read", READERS,
                // cancel and resend
                "notifications:update", SENDERS,
                "templates:read", READERS,
                "templates:create", Set.of("MANAGER"),
                "templates:update", Set.of("MANAGER"),
                "templates:delete", Set.of("MANAGER")));
    }
}
