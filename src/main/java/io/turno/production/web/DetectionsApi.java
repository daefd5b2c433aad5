package io.turno.production.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.turno.production.internal.DetectionIngest;
import io.turno.production.internal.DetectionIngest.RawDetection;
import io.turno.production.internal.DetectionIngest.Result;
import io.turno.shared.Actor;
import io.turno.shared.BusinessException;
import io.turno.shared.ProblemCode;
import io.turno.shared.Problems;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Batch ingest of detections, as a JSON array or as CSV with the header
 * {@code line_code,area,product_code,detected_at,rejected,source_id}. The body is read here, not
 * bound, so that the permission is checked before anything is parsed.
 */
@RestController
@RequestMapping(path = "/api/v1/production/detections", produces = "application/json")
@Tag(name = "detections", description = "Detections reported by the plant's lines")
class DetectionsApi {

    static final List<String> CSV_COLUMNS =
            List.of("line_code", "area", "product_code", "detected_at", "rejected", "source_id");

    static final class MalformedBatch extends BusinessException {
        MalformedBatch(String message) {
            super(HttpStatus.BAD_REQUEST, ProblemCode.MALFORMED_REQUEST, message);
        }
    }

    private final DetectionIngest ingest;
    private final JsonMapper json = JsonMapper.builder().build();

    DetectionsApi(DetectionIngest ingest) {
        this.ingest = ingest;
    }

    @PostMapping(consumes = "application/json")
    @PreAuthorize("hasAuthority('detections:create')")
    @Operation(
            summary =
                    "Ingest up to 50,000 detections: a JSON array of {line_code, area (id or name), product_code, "
                            + "detected_at, rejected?, source_id?}. Bad rows are reported by index and the rest kept; with atomic=true "
                            + "one bad row refuses the whole batch (422). A source_id already stored is counted as a duplicate.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            schema =
                                                    @Schema(
                                                            type = "array",
                                                            description =
                                                                    "Any items: each is checked on its own and a bad one is reported by index"))))
    @ApiResponse(
            responseCode = "200",
            description = "What the batch did",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Result.class)))
    ResponseEntity<?> ingestJson(
            @AuthenticationPrincipal Actor caller,
            @RequestParam(defaultValue = "false") boolean atomic,
            HttpServletRequest request)
            throws IOException {
        return answer(ingest.ingest(caller.tenantId(), readJson(request.getInputStream()), atomic), atomic);
    }

    @PostMapping(consumes = "text/csv")
    @PreAuthorize("hasAuthority('detections:create')")
    @Operation(
            summary =
                    "Ingest up to 50,000 detections as CSV with the header line_code,area,product_code,detected_at,rejected,source_id",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string"))))
    @ApiResponse(
            responseCode = "200",
            description = "What the batch did",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Result.class)))
    ResponseEntity<?> ingestCsv(
            @AuthenticationPrincipal Actor caller,
            @RequestParam(defaultValue = "false") boolean atomic,
            HttpServletRequest request)
            throws IOException {
        return answer(ingest.ingest(caller.tenantId(), readCsv(request.getInputStream()), atomic), atomic);
    }

    private static ResponseEntity<?> answer(Result result, boolean atomic) {
        if (atomic && !result.rejected().isEmpty()) {
            ProblemDetail problem = Problems.problem(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    ProblemCode.VALIDATION_FAILED,
                    result.rejected().size() + " detecciones tienen errores; no se guardó ninguna.");
            problem.setProperty("errors", result.rejected());
            return ResponseEntity.unprocessableContent()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        return ResponseEntity.ok(result);
    }

    private List<RawDetection> readJson(InputStream body) {
        JsonNode array;
        try {
            array = json.readTree(body);
        } catch (JacksonException e) {
            throw new MalformedBatch("El cuerpo no es JSON válido: " + e.getOriginalMessage());
        }
        if (array == null || !array.isArray()) {
            throw new MalformedBatch("El cuerpo es un arreglo JSON de detecciones.");
        }
        if (array.size() > DetectionIngest.MAX_ROWS) {
            throw new DetectionIngest.TooManyRows(array.size());
        }
        return io.turno.production.internal.DetectionRows.fromJson(array, null);
    }

    private static List<RawDetection> readCsv(InputStream body) throws IOException {
        var reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        String header = reader.readLine();
        if (header == null) {
            throw new MalformedBatch("El CSV empieza con la cabecera " + String.join(",", CSV_COLUMNS) + ".");
        }
        if (header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        Map<String, Integer> columns = new HashMap<>();
        List<String> names = fields(header);
        for (int i = 0; i < names.size(); i++) {
            columns.put(names.get(i).strip().toLowerCase(Locale.ROOT), i);
        }
        for (String required : CSV_COLUMNS.subList(0, 4)) {
            if (!columns.containsKey(required)) {
                throw new MalformedBatch("Falta la columna " + required + " en la cabecera del CSV ("
                        + String.join(",", CSV_COLUMNS) + ").");
            }
        }
        List<RawDetection> rows = new ArrayList<>();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            if (rows.size() == DetectionIngest.MAX_ROWS) {
                throw new DetectionIngest.TooManyRows(DetectionIngest.MAX_ROWS + 1);
            }
            List<String> values = fields(line);
            rows.add(new RawDetection(
                    column(values, columns, "line_code"),
                    column(values, columns, "area"),
                    column(values, columns, "product_code"),
                    column(values, columns, "detected_at"),
                    column(values, columns, "rejected"),
                    column(values, columns, "source_id")));
        }
        return rows;
    }

    private static String column(List<String> values, Map<String, Integer> columns, String name) {
        Integer index = columns.get(name);
        return index == null || index >= values.size() ? null : values.get(index);
    }

    /** The fields of one CSV line: commas separate, double quotes enclose (a doubled quote is one). */
    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
