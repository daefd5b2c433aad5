package io.turno.queueing.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.turno.shared.ModulePermissions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class QueueingPermissions {

    private static final Set<String> READERS = Set.of("MANAGER", "SUPERVISOR", "RECEPTIONIST", "VIEWER");
    private static final Set<String> FRONT_DESK = Set.of("SUPERVISOR", "RECEPTIONIST");

    @Bean
    ModulePermissions queueingModulePermissions() {
        Map<String, Set<String>> grants = new HashMap<>();
        for (String config : new String[] {"branches", "queues", "priorities", "desks"}) {
            grants.put(config + ":read", READERS);
            grants.put(config + ":create", Set.of());
            grants.put(config + ":update", Set.of());
            grants.put(config + ":delete", Set.of());
        }
        // A supervisor assigns operators to desks during the day.
        grants.put("desks:update", Set.of("SUPERVISOR"));
        grants.put("tickets:read", READERS);
        grants.put("tickets:create", FRONT_DESK);
        grants.put("tickets:call", FRONT_DESK);
        grants.put("tickets:transfer", FRONT_DESK);
        grants.put("tickets:cancel", FRONT_DESK);
        grants.put("queues:stats", Set.of("MANAGER", "SUPERVISOR"));
        return new ModulePermissions(grants);
    }
}
