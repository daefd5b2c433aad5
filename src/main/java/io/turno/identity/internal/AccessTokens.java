package io.turno.identity.internal;

import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.turno.shared.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Signs and checks the access JWT ({@code typ=access}, HS256). Nothing but a well-signed, unexpired access token passes. */
@Component
class AccessTokens {

    private static final Logger log = LoggerFactory.getLogger(AccessTokens.class);

    /** What a valid access token says. */
    record Claims(UUID userId, TenantId tenantId, UUID sessionId, Set<String> roles) {}

    /** Why a token was refused: expired tokens are told apart so clients know to refresh. */
    enum Rejection {
        INVALID,
        EXPIRED
    }

    static final class Rejected extends Exception {
        final Rejection reason;

        Rejected(Rejection reason) {
            super(reason.name(), null, false, false);
            this.reason = reason;
        }
    }

    /** Tokens this instance has verified, so each is parsed and its signature checked once. */
    private static final int VERIFIED_UP_TO = 10_000;

    private record Verified(Claims claims, Instant expiresAt) {}

    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final byte[] key;
    private final IdentityProperties.Tokens settings;
    private final Clock clock;

    AccessTokens(IdentityProperties properties, Clock clock) {
        this.settings = properties.tokens();
        this.clock = clock;
        String configured = settings.signingKey();
        if (configured == null || configured.isBlank()) {
            log.warn("No turno.identity.tokens.signing-key configured: using a random key, so tokens end with this "
                    + "process and other instances will not accept them. Set TURNO_IDENTITY_TOKENS_SIGNING_KEY.");
            key = new byte[32];
            new SecureRandom().nextBytes(key);
        } else {
            key = Base64.getDecoder().decode(configured.trim());
            if (key.length < 32) {
                throw new IllegalStateException("turno.identity.tokens.signing-key must be at least 32 bytes (base64)");
            }
        }
    }

    long ttlSeconds() {
        return settings.accessTtl().toSeconds();
    }

    String issue(UUID userId, TenantId tenant, UUID sessionId, Set<String> roles) {
        Instant now = clock.instant();
        var claims = new JWTClaimsSet.Builder()
                .subject(userId.toString())
                .claim("tid", tenant.toString())
                .claim("sid", sessionId.toString())
                .claim("roles", List.copyOf(roles))
                .claim("typ", "access")
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(settings.accessTtl())))
                .build();
        try {
            var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign access token", e);
        }
    }

    Claims verify(String token) throws Rejected {
        var known = verified.get(token);
        if (known == null) {
            known = parseAndVerify(token, key);
            if (verified.size() >= VERIFIED_UP_TO) {
                verified.clear();
            }
            verified.put(token, known);
        }
        if (!known.expiresAt().isAfter(clock.instant())) {
            throw new Rejected(Rejection.EXPIRED);
        }
        return known.claims();
    }

    private static Verified parseAndVerify(String token, byte[] key) throws Rejected {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            // Only HS256 with our key: "alg: none" and any other algorithm are refused before verifying.
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new MACVerifier(key))) {
                throw new Rejected(Rejection.INVALID);
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!"access".equals(claims.getStringClaim("typ")) || claims.getExpirationTime() == null) {
                throw new Rejected(Rejection.INVALID);
            }
            List<String> roles = claims.getStringListClaim("roles");
            return new Verified(
                    new Claims(
                            UUID.fromString(claims.getSubject()),
                            TenantId.of(claims.getStringClaim("tid")),
                            UUID.fromString(claims.getStringClaim("sid")),
                            roles == null ? Set.of() : Set.copyOf(roles)),
                    claims.getExpirationTime().toInstant());
        } catch (ParseException | JOSEException | IllegalArgumentException | NullPointerException e) {
            throw new Rejected(Rejection.INVALID);
        }
    }
}
