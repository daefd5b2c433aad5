package io.turno.web;

/**
 * A link in the page navigation. Modules declare their pages as beans of this type; a user sees
 * an entry only when they hold its {@code permission} (null: every signed-in user).
 *
 * @param labelKey message key of the label, e.g. {@code nav.audit}
 * @param order    position, lower first
 */
public record NavigationEntry(String labelKey, String path, String permission, int order) {}
