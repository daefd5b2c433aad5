package io.turno.identity.internal;

import java.util.Arrays;
import java.util.List;

/**
 * Roles every tenant has from the start; they cannot be deleted. Custom roles live beside them.
 * SUPER_ADMIN is the exception: it exists only in the platform tenant, whose users manage tenants.
 * What each role holds by default comes from {@link PermissionCatalog}.
 */
enum BuiltInRole {
    ADMIN("Administrador"),
    MANAGER("Gerente"),
    SUPERVISOR("Supervisor"),
    RECEPTIONIST("Recepcionista"),
    THERAPIST("Terapeuta"),
    OPERATOR("Operador"),
    VIEWER("Consulta"),
    PATIENT("Paciente"),
    SUPER_ADMIN("Superadministrador");

    private final String displayName;

    BuiltInRole(String displayName) {
        this.displayName = displayName;
    }

    String displayName() {
        return displayName;
    }

    /** The roles of an ordinary tenant, in seeding order. */
    static List<BuiltInRole> tenantRoles() {
        return Arrays.stream(values()).filter(role -> role != SUPER_ADMIN).toList();
    }

    static BuiltInRole tenantRole(String code) {
        return tenantRoles().stream()
                .filter(role -> role.name().equals(code))
                .findFirst()
                .orElseThrow(() ->
                        new IllegalArgumentException("No built-in tenant role " + code + "; known: " + tenantRoles()));
    }

    /** The demo user of this role: login {@code reception}, password {@code Reception123!} and so on. */
    String demoUsername() {
        return switch (this) {
            case RECEPTIONIST -> "reception";
            case SUPER_ADMIN -> "root";
            default -> name().toLowerCase();
        };
    }

    String demoPassword() {
        String user = demoUsername();
        return Character.toUpperCase(user.charAt(0)) + user.substring(1) + "123!";
    }
}
