package io.turno.identity.internal;

import java.util.Set;

/** Roles every tenant has from the start; they cannot be deleted. Custom roles live beside them. */
enum BuiltInRole {

    ADMIN("Administrador", PermissionCatalog.ALL),
    MANAGER("Gerente", PermissionCatalog.reads()),
    SUPERVISOR("Supervisor", PermissionCatalog.reads()),
    RECEPTIONIST("Recepcionista", Set.of()),
    THERAPIST("Terapeuta", Set.of()),
    OPERATOR("Operador", Set.of()),
    VIEWER("Consulta", PermissionCatalog.reads()),
    PATIENT("Paciente", Set.of());

    private final String displayName;
    private final Set<String> permissions;

    BuiltInRole(String displayName, Set<String> permissions) {
        this.displayName = displayName;
        this.permissions = permissions;
    }

    String displayName() {
        return displayName;
    }

    Set<String> permissions() {
        return permissions;
    }

    /** The demo user of this role: login {@code reception}, password {@code Reception123!} and so on. */
    String demoUsername() {
        return switch (this) {
            case RECEPTIONIST -> "reception";
            default -> name().toLowerCase();
        };
    }

    String demoPassword() {
        String user = demoUsername();
        return Character.toUpperCase(user.charAt(0)) + user.substring(1) + "123!";
    }
}
