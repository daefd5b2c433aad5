package io.turno.production.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An organization's database is never on Turno's own network, unless a property allows it. */
class SourceHostsTests {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "localhost",
                "::1",
                "10.1.2.3",
                "172.20.0.5",
                "192.168.1.10",
                "169.254.169.254",
                "fe80::1",
                "fd12:3456::1",
                "100.64.0.1",
                "0.0.0.0",
                "224.0.0.1"
            })
    void anInternalHostIsRefusedWithTheReason(String host) {
        var hosts = new SourceHosts(false);
        assertThat(hosts.problem(host))
                .hasValueSatisfying(reason -> assertThat(reason).contains(host).contains("interna"));
        assertThatThrownBy(() -> hosts.require(host)).isInstanceOf(SourceHosts.InternalHost.class);
        assertThat(new SourceHosts(true).problem(host))
                .as("allowed by the property")
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "100.128.0.1", "172.32.0.1"})
    void aPublicAddressIsAccepted(String host) {
        assertThat(new SourceHosts(false).problem(host)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-such-host.invalid"})
    void aNameThatDoesNotResolveIsRefused(String host) {
        assertThat(new SourceHosts(false).problem(host))
                .hasValueSatisfying(reason -> assertThat(reason).contains("no se puede resolver"));
    }

    @Test
    void theAllowListLetsThroughOnlyTheInternalHostsItNames() {
        var hosts = new SourceHosts(false, List.of("127.0.0.0/8", "::1", "Planta-DB.vpn", "10.20.0.0/16", ""));
        assertThat(hosts.problem("127.0.0.1")).isEmpty();
        assertThat(hosts.problem("127.10.0.2")).isEmpty();
        assertThat(hosts.problem("::1")).isEmpty();
        assertThat(hosts.problem("10.20.30.40")).isEmpty();
        assertThat(hosts.problem("planta-db.VPN")).as("a name, in any case").isEmpty();
        assertThat(hosts.problem("10.21.0.1"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("interna"));
        assertThat(hosts.problem("169.254.169.254")).isPresent();
        assertThat(hosts.problem("192.168.1.10")).isPresent();
        assertThat(hosts.problem("fd12:3456::1")).isPresent();
    }

    @Test
    void anAllowListEntryThatIsNoAddressRangeFailsAtStart() {
        assertThatThrownBy(() -> new SourceHosts(false, List.of("10.0.0.0/33")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("allowed-hosts");
        assertThatThrownBy(() -> new SourceHosts(false, List.of("300.1.1.1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("allowed-hosts");
    }
}
