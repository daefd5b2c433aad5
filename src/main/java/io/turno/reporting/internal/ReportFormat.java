package io.turno.reporting.internal;

import java.util.Arrays;
import java.util.Optional;

/** The four formats every report is written in. */
public enum ReportFormat {
    JSON("json", "application/json"),
    CSV("csv", "text/csv;charset=UTF-8"),
    XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    PDF("pdf", "application/pdf");

    private final String extension;
    private final String contentType;

    ReportFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }

    public static Optional<ReportFormat> ofExtension(String extension) {
        return Arrays.stream(values())
                .filter(f -> f.extension.equalsIgnoreCase(extension))
                .findFirst();
    }
}
