package io.turno.production.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
