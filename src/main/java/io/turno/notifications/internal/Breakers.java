package io.turno.notifications.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.stereotype.Component;

/**
 * One circuit breaker per provider, in this instance's memory: a provider failing (5xx, 429,
 * timeouts) often enough is left alone for {@code circuit.wait-open}; notifications due meanwhile
 * wait without spending an attempt (see {@link Dispatcher}). Refusals it answers with a 4xx prove
 * the provider is up, so they count as successes here.
 */
@Component
class Breakers {

    private final CircuitBreakerRegistry registry;

    Breakers(NotificationsProperties properties) {
        var circuit = properties.circuit();
        registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(circuit.window())
                .minimumNumberOfCalls(circuit.minimumCalls())
                .failureRateThreshold(circuit.failureRate())
                .waitDurationInOpenState(circuit.waitOpen())
                .permittedNumberOfCallsInHalfOpenState(circuit.halfOpenCalls())
                .build());
    }

    CircuitBreaker of(Provider provider) {
        return registry.circuitBreaker(provider.key());
    }

    String state(Provider provider) {
        return registry.find(provider.key()).map(b -> b.getState().name()).orElse("CLOSED");
    }
}
