package io.turno.catalog;

/**
 * Criteria for listing the catalog; a null criterion matches everything. {@code text} matches
 * code, name or description, case-insensitively.
 */
public record ServiceQuery(String text, Boolean active, Boolean walkIn, Boolean bookable) {

    public static ServiceQuery all() {
        return new ServiceQuery(null, null, null, null);
    }
}
