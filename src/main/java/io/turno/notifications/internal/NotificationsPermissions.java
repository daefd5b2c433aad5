package io.turno.notifications.internal;

import java.util.Map;
import java.util.Set;

import io.turno.shared.ModulePermissions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationsProperties.class)
public final class NotificationsPermissions {

    public static final String NOTIFICATIONS_CREATE = "notifications:create";
    public static final String NOTIFICATIONS_READ = "notifications:read";
    /** Cancel and resend. */
    public static final String NOTIFICATIONS_UPDATE = "notifications:update";

    public static final String TEMPLATES_READ = "templates:read";
    public static final String TEMPLATES_CREATE = "templates:create";
    public static final String TEMPLATES_UPDATE = "templates:update";
    public static final String TEMPLATES_DELETE = "templates:delete";
    public static final String PROVIDERS_READ = "providers:read";
    public static final String PROVIDERS_CREATE = "providers:create";
    public static final String PROVIDERS_UPDATE = "providers:update";
    public static final String PROVIDERS_DELETE = "providers:delete";
    public static final String CASES_READ = "cases:read";
    public static final String CASES_CREATE = "cases:create";
    public static final String CASES_UPDATE = "cases:update";

    private static final Set<String> SENDERS = Set.of("MANAGER", "SUPERVISOR", "RECEPTIONIST");
    private static final Set<String> READERS = Set.of("MANAGER", "SUPERVISOR", "RECEPTIONIST", "VIEWER");

    @Bean
    ModulePermissions notificationsModulePermissions() {
        return new ModulePermissions(
                "notifications",
                Map.ofEntries(
                        Map.entry(NOTIFICATIONS_CREATE, SENDERS),
                        Map.entry(NOTIFICATIONS_READ, READERS),
                        Map.entry(NOTIFICATIONS_UPDATE, SENDERS),
                        Map.entry(TEMPLATES_READ, READERS),
                        Map.entry(TEMPLATES_CREATE, Set.of("MANAGER")),
                        Map.entry(TEMPLATES_UPDATE, Set.of("MANAGER")),
                        Map.entry(TEMPLATES_DELETE, Set.of("MANAGER")),
                        Map.entry(PROVIDERS_READ, Set.of("MANAGER")),
                        Map.entry(PROVIDERS_CREATE, Set.<String>of()),
                        Map.entry(PROVIDERS_UPDATE, Set.<String>of()),
                        Map.entry(PROVIDERS_DELETE, Set.<String>of()),
                        Map.entry(CASES_READ, READERS),
                        Map.entry(CASES_CREATE, SENDERS),
                        Map.entry(CASES_UPDATE, SENDERS)));
    }
}
