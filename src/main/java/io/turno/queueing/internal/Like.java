package io.turno.queueing.internal;

/** Search text for {@code ILIKE '%' || :text || '%'}. */
final class Like {

    private Like() {
    }

    /** The text with LIKE's wildcards escaped, or null for no criterion. */
    static String text(String text) {
        return text == null || text.isBlank() ? null
                : text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
