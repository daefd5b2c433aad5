package io.turno.production.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

import io.turno.shared.BusinessException;
import io.turno.shared.ProblemCode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Which hosts an organization's own database may be on: not inside Turno's network. A host whose
 * name or address is loopback, private (10/8, 172.16/12, 192.168/16, IPv6 fc00::/7), link-local
 * (169.254/16 with the cloud metadata service, fe80::/10), carrier-grade NAT (100.64/10), the
 * unspecified address or multicast is refused, unless
 * {@code turno.production.sources.allow-internal-hosts} is true (a plant network reached through a
 * VPN; the tests' own database). Checked when a source is saved and again on every connection, as a
 * name may resolve elsewhere later.
 */
@Component
class SourceHosts {

    static final class InternalHost extends BusinessException {
        InternalHost(String message) {
            super(HttpStatus.UNPROCESSABLE_CONTENT, ProblemCode.VALIDATION_FAILED, message);
        }
    }

    private final boolean allowInternal;

    SourceHosts(@Value("${turno.production.sources.allow-internal-hosts:false}") boolean allowInternal) {
        this.allowInternal = allowInternal;
    }

    /** Refuses a host Turno may not connect to, with the reason. */
    void require(String host) {
        problem(host).ifPresent(reason -> {
            throw new InternalHost(reason);
        });
    }

    /** Why {@code host} may not be used, or empty when it may. */
    Optional<String> problem(String host) {
        if (allowInternal) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return Optional.of("El host «" + host + "» no se puede resolver; revisa el nombre.");
        }
        for (InetAddress address : addresses) {
            if (internal(address)) {
                return Optional.of("El host «" + host + "» es una dirección interna (" + address.getHostAddress()
                        + "): Turno no se conecta a su propia red. Usa la dirección pública de la base de datos.");
            }
        }
        return Optional.empty();
    }

    static boolean internal(InetAddress address) {
        byte[] bytes = address.getAddress();
        boolean uniqueLocal = address instanceof Inet6Address && (bytes[0] & 0xfe) == 0xfc;
        boolean carrierNat = bytes.length == 4 && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
        return address.isLoopbackAddress()
                || address.isSiteLocalAddress()
                || address.isLinkLocalAddress()
                || address.isAnyLocalAddress()
                || address.isMulticastAddress()
                || uniqueLocal
                || carrierNat;
    }
}
