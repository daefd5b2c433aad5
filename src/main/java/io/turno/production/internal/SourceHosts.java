package io.turno.production.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.turno.shared.BusinessException;
import io.turno.shared.ProblemCode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Which hosts an organization's own database may be on: not inside Turno's network. A host whose
 * name or address is loopback, private (10/8, 172.16/12, 192.168/16, IPv6 fc00::/7), link-local
 * (169.254/16 with the cloud metadata service, fe80::/10), carrier-grade NAT (100.64/10), the
 * unspecified address or multicast is refused, unless it is on the allow-list
 * {@code turno.production.sources.allowed-hosts} (names, addresses, CIDR ranges: a plant network
 * reached through a VPN; the tests' own databases on this machine) or
 * {@code turno.production.sources.allow-internal-hosts} is true (every internal host). Checked when
 * a source is saved and again on every connection, as a name may resolve elsewhere later.
 */
@Component
class SourceHosts {

    static final class InternalHost extends BusinessException {
        InternalHost(String message) {
            super(HttpStatus.UNPROCESSABLE_CONTENT, ProblemCode.VALIDATION_FAILED, message);
        }
    }

    /** An address range of the allow-list: {@code 10.20.0.0/16}, or one address as a whole-length prefix. */
    private record Range(byte[] prefix, int bits) {

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != prefix.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((bytes[i / 8] & mask) != (prefix[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final boolean allowInternal;
    private final Set<String> allowedNames = new HashSet<>();
    private final List<Range> allowedRanges = new ArrayList<>();

    SourceHosts(boolean allowInternal) {
        this(allowInternal, List.of());
    }

    /**
     * {@code allowed}: the internal hosts allowed all the same ({@code turno.production.sources.allowed-hosts}),
     * each a name (as typed in the source, any case), an address or an address range in CIDR notation.
     */
    @Autowired
    SourceHosts(
            @Value("${turno.production.sources.allow-internal-hosts:false}") boolean allowInternal,
            @Value("${turno.production.sources.allowed-hosts:}") List<String> allowed) {
        this.allowInternal = allowInternal;
        for (String entry : allowed) {
            String host = entry.strip();
            if (host.isEmpty()) {
                continue;
            }
            String[] parts = host.split("/", 2);
            if (parts[0].contains(":") || parts[0].matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                InetAddress address = literal(parts[0]);
                int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : address.getAddress().length * 8;
                if (bits < 0 || bits > address.getAddress().length * 8) {
                    throw new IllegalArgumentException("turno.production.sources.allowed-hosts: " + host);
                }
                allowedRanges.add(new Range(address.getAddress(), bits));
            } else {
                allowedNames.add(host.toLowerCase(Locale.ROOT));
            }
        }
    }

    /** An address as written, never looked up: an allow-list entry that is not one fails at start. */
    private static InetAddress literal(String address) {
        try {
            return InetAddress.ofLiteral(address);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("turno.production.sources.allowed-hosts: " + address, e);
        }
    }

    /** Refuses a host Turno may not connect to, with the reason. */
    void require(String host) {
        problem(host).ifPresent(reason -> {
            throw new InternalHost(reason);
        });
    }

    /** Why {@code host} may not be used, or empty when it may. */
    Optional<String> problem(String host) {
        if (allowInternal || allowedNames.contains(host.strip().toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return Optional.of("El host «" + host + "» no se puede resolver; revisa el nombre.");
        }
        for (InetAddress address : addresses) {
            if (internal(address) && allowedRanges.stream().noneMatch(range -> range.contains(address))) {
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
