package io.turno.identity.internal;

import java.time.Duration;
import java.util.List;

import io.turno.identity.CurrentUser;
import io.turno.shared.TenantScope;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Two chains: {@code /api/**} is stateless and answers problem+json; pages use a login form and a
 * server session. Both send the browser security headers of SPEC §1.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication // command-line runs (the audit check) start no web server and need no filter chains
// Every handler states what it needs: @PreAuthorize("hasAuthority('<module>:<action>')"),
// @PreAuthorize("isAuthenticated()")
// or @PermitAll. EndpointPermissionsTests fails for a handler that states nothing.
@EnableMethodSecurity(jsr250Enabled = true)
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(
            HttpSecurity http,
            AuthService auth,
            RateLimits rateLimits,
            IdentityProperties properties,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
        http.securityMatcher("/api/**")
                .cors(cors -> cors.configurationSource(corsSource(properties.cors())))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(c -> c.requireExplicitSave(true))
                .requestCache(c -> c.disable())
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .authorizeHttpRequests(a -> a
                        // An SSE stream's closing re-dispatch was authorized when the stream opened.
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC)
                        .permitAll()
                        .requestMatchers("/api/docs", "/api/docs/**", "/api/swagger-ui/**")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/public/**")
                        .permitAll()
                        // Providers' status callbacks: each proves itself by its signature (notifications).
                        .requestMatchers(HttpMethod.POST, "/api/v1/public/webhooks/**")
                        .permitAll()
                        .requestMatchers(
                                HttpMethod.POST, "/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/auth/register")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                // Security failures go through the same handler as every other error: one problem+json shape.
                .exceptionHandling(e -> e.authenticationEntryPoint(
                                (request, response, ex) -> resolver.resolveException(request, response, null, ex))
                        .accessDeniedHandler(
                                (request, response, ex) -> resolver.resolveException(request, response, null, ex)))
                .addFilterBefore(new BearerTokenFilter(auth, resolver), UsernamePasswordAuthenticationFilter.class);
        var rateLimit = properties.rateLimit();
        if (rateLimit.enabled()) {
            // Built here, not as @Components, so they run only in this chain and not as global servlet filters.
            http.addFilterBefore(
                            new RateLimitFilter(RateLimitFilter.Scope.CLIENT, rateLimits, rateLimit, resolver),
                            BearerTokenFilter.class)
                    .addFilterAfter(
                            new RateLimitFilter(RateLimitFilter.Scope.USER, rateLimits, rateLimit, resolver),
                            BearerTokenFilter.class);
        }
        headers(http);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pageChain(
            HttpSecurity http,
            AuthService auth,
            RateLimits rateLimits,
            IdentityProperties properties,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
        http.authorizeHttpRequests(a -> a.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD)
                        .permitAll()
                        .requestMatchers(
                                "/login",
                                "/health",
                                "/actuator/health",
                                "/actuator/health/**",
                                "/actuator/prometheus",
                                "/v3/api-docs",
                                "/v3/api-docs/**",
                                "/swagger-ui/**",
                                "/webjars/**",
                                "/css/**",
                                "/js/**",
                                "/img/**",
                                "/favicon.ico",
                                "/error",
                                "/t/*",
                                // Seed 004: "forgot password", and an organization's booking page with
                                // its self-registration (paying needs a signed-in patient).
                                "/password/forgot",
                                "/password/reset",
                                "/*/reservar",
                                "/*/reservar/cuenta",
                                // A waitlist offer's emailed link: its secret is the credential.
                                "/waitlist/offers/*")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .formLogin(f -> f.loginPage("/login")
                        .authenticationDetailsSource(TenantLoginDetails::from)
                        .defaultSuccessUrl("/", false)
                        .failureHandler(new SignInAttempt.Remembered())
                        .permitAll())
                .logout(l -> l.logoutUrl("/logout")
                        .logoutSuccessUrl("/login?logout")
                        .deleteCookies("TURNO_SESSION")
                        .addLogoutHandler((request, response, authentication) -> {
                            if (authentication != null
                                    && authentication.getPrincipal() instanceof CurrentUser user
                                    && authentication.getDetails() instanceof TenantLoginDetails login
                                    && login.sessionId() != null) {
                                TenantScope.run(user.tenantId(), () -> auth.logout(user, login.sessionId()));
                            }
                        }))
                .addFilterBefore(new WebSessionFilter(auth), AuthorizationFilter.class)
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()));
        if (properties.rateLimit().enabled()) {
            http.addFilterBefore(
                    new RateLimitFilter(
                            RateLimitFilter.Scope.PUBLIC_FORM, rateLimits, properties.rateLimit(), resolver),
                    WebSessionFilter.class);
        }
        headers(http);
        return http.build();
    }

    /** Bearer tokens, not cookies, authenticate the API: cross-origin callers get no credentials mode. */
    private static CorsConfigurationSource corsSource(IdentityProperties.Cors cors) {
        var configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(cors.allowedOrigins());
        configuration.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
        configuration.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept-Language", "X-Request-Id"));
        configuration.setExposedHeaders(List.of("Retry-After", "X-Request-Id", "Location"));
        configuration.setMaxAge(Duration.ofHours(1));
        var source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", configuration);
        return source;
    }

    private static void headers(HttpSecurity http) {
        http.headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .frameOptions(f -> f.deny())
                .referrerPolicy(r -> r.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)));
    }
}
