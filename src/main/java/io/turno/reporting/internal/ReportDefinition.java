package io.turno.reporting.internal;

import java.util.List;
import java.util.Map;

/**
 * One report of the catalog. A report is a Spring bean: it declares what it needs and computes its
 * result from the owning module's public API; the catalog, the parameter checks and the renderers
 * are shared by every report.
 */
public interface ReportDefinition {

    /** Stable, lower-case, dash-separated: {@code improved-daily-cash}. */
    String code();

    Label title();

    Label description();

    /** The authority ({@code module:action}) a caller needs to see and run it. */
    String permission();

    List<Parameter> parameters();

    /** Problems between parameters that each read well alone (a range upside down), by parameter name. */
    default Map<String, Label> problems(ReportParameters parameters) {
        return Map.of();
    }

    /** The date the file name carries: the report's day, else null (the day it was generated). */
    default String fileDate(ReportParameters parameters) {
        return parameters.written("date");
    }

    /**
     * How many rows the report will write, when it knows cheaply before running (else -1): a report over
     * the background threshold asked for directly runs as a job instead.
     */
    default long estimatedRows(ReportRequest request) {
        return -1;
    }

    ReportResult run(ReportRequest request);
}
