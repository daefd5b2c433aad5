package io.turno.shared;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The permissions one module defines, each with the built-in roles that hold it by default. Every
 * module declares one bean of this type; the identity catalog is their union, and {@code ADMIN}
 * holds every permission without naming it here. A permission that appears after tenants exist
 * is granted once to those roles of every tenant; later edits by an administrator are kept.
 *
 * @param module       the module's name ({@code scheduling}, {@code billing} …): the roles page groups its
 *                     permissions under it, labelled by the message {@code module.<name>}
 * @param defaultRoles permission ({@code module:action}) → codes of the built-in roles that hold it
 *                     ({@code MANAGER}, {@code SUPERVISOR}, {@code RECEPTIONIST}, {@code THERAPIST},
 *                     {@code OPERATOR}, {@code VIEWER}, {@code PATIENT})
 */
public record ModulePermissions(String module, Map<String, Set<String>> defaultRoles) {

    private static final Pattern PERMISSION = Pattern.compile("[a-z][a-z_]*:[a-z][a-z_]*");

    public ModulePermissions {
        if (module == null || module.isBlank()) {
            throw new IllegalArgumentException("A module's permissions name their module");
        }
        defaultRoles = Map.copyOf(defaultRoles);
        defaultRoles.keySet().stream()
                .filter(p -> !PERMISSION.matcher(p).matches())
                .findAny()
                .ifPresent(p -> {
                    throw new IllegalArgumentException("A permission is module:action in lower case, not " + p);
                });
    }
}
