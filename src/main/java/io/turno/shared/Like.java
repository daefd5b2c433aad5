package io.turno.shared;

/** Search text for {@code ILIKE '%' || :text || '%'} (PostgreSQL's default escape character, the backslash). */
public final class Like {

    private Like() {}

    /** The stripped text with LIKE's wildcards and escape character escaped, or null for no criterion. */
    public static String text(String text) {
        return text == null || text.isBlank()
                ? null
                : text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** {@link #text} already wrapped in {@code %}, for queries that bind the whole pattern. */
    public static String containing(String text) {
        String escaped = text(text);
        return escaped == null ? null : "%" + escaped + "%";
    }
}
