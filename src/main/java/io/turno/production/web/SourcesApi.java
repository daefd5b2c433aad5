package io.turno.production.web;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.turno.production.internal.ClientDatabases;
import io.turno.production.internal.ClientDatabases.Kind;
import io.turno.shared.Actor;
import io.turno.shared.PageResult;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The organization's own database (seed 002's DB_CLIENT): registered, verified, synchronized. */
@RestController
@Validated
@RequestMapping(path = "/api/v1/production/sources", produces = "application/json")
@Tag(name = "client databases", description = "The organization's own MariaDB/MySQL or PostgreSQL database")
class SourcesApi {

    record SourceRequest(
            @NotBlank @Size(max = 200) String name,

            @NotNull @Pattern(regexp = "MARIADB|POSTGRESQL", message = "{validation.sourceKind}")
            String kind,

            @NotBlank @Size(max = 255) @Pattern(regexp = "[A-Za-z0-9.:\\[\\]_-]+", message = "{validation.host}")
            String host,

            @NotNull @Min(1) @Max(65535) Integer port,

            @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_$-]+", message = "{validation.databaseName}")
            String database,

            @NotBlank @Size(max = 128) String username,

            @Schema(
                    description =
                            "required on registration; omitted on a replacement keeps the stored one; never returned")
            @Size(max = 500)
            String password,

            @Schema(description = "synchronized by the job; default true")
            Boolean active) {

        ClientDatabases.SourceCommand command() {
            return new ClientDatabases.SourceCommand(
                    name.strip(),
                    Kind.valueOf(kind),
                    host.strip(),
                    port,
                    database,
                    username,
                    password,
                    active == null || active);
        }
    }

    static final class PasswordRequired extends io.turno.shared.BusinessException {
        PasswordRequired() {
            super(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    io.turno.shared.ProblemCode.VALIDATION_FAILED,
                    "La contraseña es obligatoria al registrar una base de datos.");
        }
    }

    private final ClientDatabases sources;

    SourcesApi(ClientDatabases sources) {
        this.sources = sources;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('production:sources')")
    @Operation(summary = "The registered databases by name (never their passwords)")
    PageResult<ClientDatabases.Source> list(
            @AuthenticationPrincipal Actor caller,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return sources.sources(caller.tenantId(), page, size);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('production:sources')")
    @Operation(summary = "One registered database")
    ClientDatabases.Source one(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        return sources.source(caller.tenantId(), id);
    }

    @PostMapping(consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('production:sources')")
    @Operation(summary = "Register a database; the password is stored encrypted (AES-GCM)")
    ClientDatabases.Source create(@AuthenticationPrincipal Actor caller, @Valid @RequestBody SourceRequest request) {
        if (request.password() == null) {
            throw new PasswordRequired();
        }
        return sources.save(caller, null, request.command());
    }

    @PutMapping(path = "/{id}", consumes = "application/json")
    @PreAuthorize("hasAuthority('production:sources')")
    @Operation(summary = "Replace the registration; without a password the stored one is kept")
    ClientDatabases.Source update(
            @AuthenticationPrincipal Actor caller, @PathVariable UUID id, @Valid @RequestBody SourceRequest request) {
        return sources.save(caller, id, request.command());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('production:sources')")
    @Operation(summary = "Forget the database (what it imported stays)")
    void delete(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        sources.delete(caller, id);
    }

    @PostMapping("/{id}/verify")
    @PreAuthorize("hasAuthority('production:sources')")
    @Operation(summary = "Check, table by table, the structure seed 002 lists and each line's DETECTION_LINE_{code}")
    ClientDatabases.Verification verify(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        return sources.verify(caller.tenantId(), id);
    }

    @PostMapping("/{id}/sync")
    @PreAuthorize("hasAuthority('production:sources')")
    @Operation(summary = "Import the structure and the detections added since the last sync, now")
    ClientDatabases.SyncReport sync(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        return sources.sync(caller.tenantId(), id, caller);
    }
}
