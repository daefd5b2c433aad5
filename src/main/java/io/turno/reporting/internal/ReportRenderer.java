package io.turno.reporting.internal;

import java.io.IOException;
import java.io.OutputStream;

/** Writes any report in one format; one bean per format. Rows are written as the table gives them. */
public interface ReportRenderer {

    ReportFormat format();

    void write(ProducedReport report, RenderOptions options, OutputStream out) throws IOException;
}
