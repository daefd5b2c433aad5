package io.turno.billing.internal;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code turno.billing.*}.
 *
 * @param currency    the ISO 4217 currency of payments and tills that name none
 * @param defaultZone the zone of "the day" for a tenant whose own zone is unknown (tenants normally have one)
 * @param cardGateway the HTTP card provider; without {@code base-url} there is none and online card charges are refused
 */
@ConfigurationProperties("turno.billing")
public record BillingProperties(
        @DefaultValue("COP") String currency,
        @DefaultValue("America/Bogota") ZoneId defaultZone,
        @DefaultValue CardGateway cardGateway) {

    /**
     * @param baseUrl        the provider's base URL; charges go to {@code POST {base-url}/v1/charges}
     * @param apiKey         sent as {@code Authorization: Bearer …} when set
     * @param connectTimeout how long to wait for a connection
     * @param readTimeout    how long to wait for the answer once the request is sent
     */
    public record CardGateway(
            URI baseUrl,
            String apiKey,
            @DefaultValue("PT2S") Duration connectTimeout,
            @DefaultValue("PT10S") Duration readTimeout) {}
}
