package io.turno.reporting.internal;

import java.math.BigDecimal;

/** A MONEY cell: an amount in its ISO 4217 currency (a report may mix currencies). */
public record Amount(BigDecimal value, String currency) {}
