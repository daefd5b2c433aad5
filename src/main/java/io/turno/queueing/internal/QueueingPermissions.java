package io.turno.queueing.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.turno.shared.ModulePermissions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The queueing module's permissions, each name written once, and the roles granted each by default. */
@Configuration(proxyBeanMethods = false)
public final class QueueingPermissions {

    public static final String BRANCHES_READ = "branches:read";
    public static final String BRANCHES_CREATE = "branches:create";
    public static final String BRANCHES_UPDATE = "branches:update";
    public static final String BRANCHES_DELETE = "branches:delete";
    public static final String QUEUES_READ = "queues:read";
    public static final String QUEUES_CREATE = "queues:create";
    public static final String QUEUES_UPDATE = "queues:update";
    public static final String QUEUES_DELETE = "queues:delete";
    public static final String QUEUES_STATS = "queues:stats";
    public static final String PRIORITIES_READ = "priorities:read";
    public static final String PRIORITIES_CREATE = "priorities:create";
    public static final String PRIORITIES_UPDATE = "priorities:update";
    public static final String PRIORITIES_DELETE = "priorities:delete";
    public static final String DESKS_READ = "desks:read";
    public static final String DESKS_CREATE = "desks:create";
    public static final String DESKS_UPDATE = "desks:update";
    public static final String DESKS_DELETE = "desks:delete";
    public static final String TICKETS_READ = "tickets:read";
    public static final String TICKETS_CREATE = "tickets:create";
    public static final String TICKETS_CALL = "tickets:call";
    public static final String TICKETS_TRANSFER = "tickets:transfer";
    public static final String TICKETS_CANCEL = "tickets:cancel";

    private static final Set<String> READERS = Set.of("MANAGER", "SUPERVISOR", "RECEPTIONIST", "VIEWER");
    private static final Set<String> FRONT_DESK = Set.of("SUPERVISOR", "RECEPTIONIST");

    @Bean
    ModulePermissions queueingModulePermissions() {
        Map<String, Set<String>> grants = new HashMap<>();
        grants.put(BRANCHES_READ, READERS);
        grants.put(BRANCHES_CREATE, Set.of());
        grants.put(BRANCHES_UPDATE, Set.of());
        grants.put(BRANCHES_DELETE, Set.of());
        grants.put(QUEUES_READ, READERS);
        grants.put(QUEUES_CREATE, Set.of());
        grants.put(QUEUES_UPDATE, Set.of());
        grants.put(QUEUES_DELETE, Set.of());
        grants.put(QUEUES_STATS, Set.of("MANAGER", "SUPERVISOR"));
        grants.put(PRIORITIES_READ, READERS);
        grants.put(PRIORITIES_CREATE, Set.of());
        grants.put(PRIORITIES_UPDATE, Set.of());
        grants.put(PRIORITIES_DELETE, Set.of());
        grants.put(DESKS_READ, READERS);
        grants.put(DESKS_CREATE, Set.of());
        // A supervisor assigns operators to desks during the day.
        grants.put(DESKS_UPDATE, Set.of("SUPERVISOR"));
        grants.put(DESKS_DELETE, Set.of());
        grants.put(TICKETS_READ, READERS);
        grants.put(TICKETS_CREATE, FRONT_DESK);
        grants.put(TICKETS_CALL, FRONT_DESK);
        grants.put(TICKETS_TRANSFER, FRONT_DESK);
        grants.put(TICKETS_CANCEL, FRONT_DESK);
        return new ModulePermissions("queueing", grants);
    }
}
