package io.turno.web.internal;

import java.util.Map;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.PermitAll;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

@Controller
class ShellPages {

    private final HealthEndpoint health;

    ShellPages(HealthEndpoint health) {
        this.health = health;
    }

    @PreAuthorize("isAuthenticated()")
    @GetMapping("/")
    String home() {
        return "home";
    }

    /**
     * The load balancer's probe: the readiness group's verdict (its database answers, and start-up,
     * demo data included, is over), so 503 whenever an orchestrator would hold traffic back.
     */
    @PermitAll
    @GetMapping(path = "/health", produces = "application/json")
    @ApiResponse(responseCode = "200", description = "Healthy", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "503", description = "Starting, or a dependency is down", useReturnTypeSchema = true)
    @ResponseBody
    ResponseEntity<Map<String, String>> health() {
        var readiness = health.healthForPath("readiness");
        boolean up = readiness != null && Status.UP.equals(readiness.getStatus());
        return ResponseEntity.status(up ? 200 : 503)
                .body(Map.of("status", up ? "healthy" : "unhealthy", "app", "turno"));
    }
}
