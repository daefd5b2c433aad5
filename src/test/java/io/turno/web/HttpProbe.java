package io.turno.web;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A stand-in for a module's endpoint that fails in every way HttpConventionsTests checks, part of
 * the shared test context ({@link io.turno.TurnoTest}). Its own security chain lets anyone in, so the
 * controller says {@link PermitAll}. Only contexts that import this configuration have it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class HttpProbe {

    @Bean
    @Order(0)
    SecurityFilterChain probeChain(HttpSecurity http) {
        return http.securityMatcher("/api/v1/probe/**", "/api/v1/probe")
                .csrf(csrf -> csrf.disable())
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .build();
    }

    /** A member of this configuration, so registered with it (and never picked up by component scanning). */
    @RestController
    @RequestMapping("/api/v1/probe")
    @PermitAll
    static class Probe {

        record Booking(
                @NotBlank String name,
                @Min(1) @Max(10) int seats,
                @Email String email,
                String preferredDesk,
                List<Guest> guests) {}

        record Guest(String name) {}

        @PostMapping(consumes = "application/json")
        Booking create(@Valid @RequestBody Booking booking) {
            return booking;
        }

        @GetMapping("/items/{id}")
        String item(@PathVariable UUID id) {
            return id.toString();
        }

        @GetMapping("/database/{state}")
        String database(@PathVariable String state) {
            throw new org.springframework.dao.DataIntegrityViolationException(
                    "refused", new java.sql.SQLException("value of row 7 for ana@example.com", state));
        }

        @GetMapping("/boom")
        String boom() {
            throw new IllegalStateException("secret internals: password=hunter2");
        }
    }
}
