package io.turno.production.internal;

import java.util.ArrayList;
import java.util.List;

import io.turno.production.internal.DetectionIngest.RawDetection;
import tools.jackson.databind.JsonNode;

/** Detections as JSON objects {line_code, area, product_code, detected_at, rejected?, source_id?}, as the API and MQTT send them. */
public final class DetectionRows {

    private DetectionRows() {}

    /** One row per element of the array (or the one object); an element that is no object becomes null, a bad row. */
    public static List<RawDetection> fromJson(JsonNode rows, String lineCode) {
        List<RawDetection> raw = new ArrayList<>(rows.isArray() ? rows.size() : 1);
        for (JsonNode row : rows.isArray() ? rows : List.of(rows)) {
            raw.add(
                    row.isObject()
                            ? new RawDetection(
                                    lineCode != null ? lineCode : text(row, "line_code"),
                                    text(row, "area"),
                                    text(row, "product_code"),
                                    text(row, "detected_at"),
                                    text(row, "rejected"),
                                    text(row, "source_id"))
                            : null);
        }
        return raw;
    }

    private static String text(JsonNode row, String field) {
        JsonNode value = row.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isValueNode() ? value.asString() : value.toString();
    }
}
