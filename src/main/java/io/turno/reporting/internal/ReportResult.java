package io.turno.reporting.internal;

import java.util.List;

/** What a report answers: summary figures, one or more tables, and a chart where it has one (else null). */
public record ReportResult(List<Figure> summary, List<ReportTable> tables, Chart chart) {}
