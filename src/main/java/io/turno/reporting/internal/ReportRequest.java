package io.turno.reporting.internal;

import java.util.Locale;

import io.turno.shared.Actor;
import io.turno.shared.Formats;

/** One run of a report: who asks (their tenant is the report's), with which parameters, in which language. */
public record ReportRequest(Actor caller, ReportParameters parameters, Locale locale, Formats formats) {}
