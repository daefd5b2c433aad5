package io.turno.web;

import java.util.List;

/**
 * A link in the page navigation. Modules declare their pages as beans of this type; a user sees
 * an entry only when they hold its {@code permission} (null: every signed-in user).
 *
 * @param section   the menu group it belongs to
 * @param labelKey  message key of the label, e.g. {@code nav.audit}; it says what the page is for
 *                  ("Atender en ventanilla", not "Ventanilla"), since a section holds several
 *                  (several, comma-separated: any one of them opens the entry — the reports page)
 * @param order     position within its section, lower first
 * @param alsoUnder other path prefixes whose pages belong to this entry (the agenda's appointments
 *                  live under {@code /appointments}); pages under {@code path} itself always do
 */
public record NavigationEntry(
        NavigationSection section, String labelKey, String path, String permission, int order, List<String> alsoUnder) {

    public NavigationEntry {
        alsoUnder = List.copyOf(alsoUnder);
    }

    public NavigationEntry(NavigationSection section, String labelKey, String path, String permission, int order) {
        this(section, labelKey, path, permission, order, List.of());
    }

    /** Whether a holder of {@code held} sees it: no permission, or any one of its permissions. */
    public boolean openTo(java.util.Set<String> held) {
        return permission == null
                || java.util.Arrays.stream(permission.split(",")).anyMatch(held::contains);
    }
}
