package io.turno.production.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** The plant's structure as the API shows it. */
public final class Plant {

    private Plant() {}

    public enum AreaType {
        INPUT,
        OUTPUT,
        QUALITY,
        REJECT
    }

    public record Line(
            UUID id,
            String code,
            String name,
            boolean active,
            int downtimeThresholdSeconds,
            Instant createdAt,
            Instant updatedAt) {}

    public record Area(
            UUID id, UUID lineId, String name, AreaType type, boolean active, Instant createdAt, Instant updatedAt) {}

    public record Product(
            UUID id,
            String code,
            String name,
            BigDecimal idealCycleSeconds,
            boolean active,
            Instant createdAt,
            Instant updatedAt) {}

    public record Break(LocalTime start, LocalTime end) {}

    /** {@code lineId} null: the shift is every line's; else only that line's. */
    public record Shift(
            UUID id,
            @Nullable UUID lineId,
            String name,
            LocalTime start,
            LocalTime end,
            List<Break> breaks,
            boolean active,
            Instant createdAt,
            Instant updatedAt) {}

    public record LineCommand(String code, String name, boolean active, int downtimeThresholdSeconds) {}

    public record AreaCommand(UUID lineId, String name, AreaType type, boolean active) {}

    public record ProductCommand(String code, String name, BigDecimal idealCycleSeconds, boolean active) {}

    public record ShiftCommand(
            String name,
            LocalTime start,
            LocalTime end,
            List<Break> breaks,
            boolean active,
            @Nullable UUID lineId) {}

    /** Seed 002's FILTER row: which filter the dashboard shows ({@code status}) and how. */
    public record Filter(
            UUID id,
            String name,
            boolean status,
            @Nullable JsonNode defaultValue,
            @Nullable JsonNode additional,
            int position,
            Instant createdAt,
            Instant updatedAt) {}

    public record Camera(
            UUID id,
            UUID areaId,
            String name,
            @Nullable String streamUrl,
            boolean active,
            Instant createdAt,
            Instant updatedAt) {}

    public record FilterCommand(
            String name, boolean status, JsonNode defaultValue, JsonNode additional, int position) {}

    public record CameraCommand(UUID areaId, String name, String streamUrl, boolean active) {}
}
