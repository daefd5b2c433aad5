package io.turno;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A bare {@code --name} on the command line, as README writes the audit check, switches a boolean on. */
@AlongsideTheSuite
class BareSwitchesTests {

    @Test
    void aBareSwitchIsTrueAndAGivenValueIsKept() {
        assertThat(BareSwitches.meanTrue(
                        "--turno.audit.verify-and-exit",
                        "--turno.identity.demo=false",
                        "--spring.profiles.active=",
                        "--",
                        "plain"))
                .containsExactly(
                        "--turno.audit.verify-and-exit=true",
                        "--turno.identity.demo=false",
                        "--spring.profiles.active=",
                        "--",
                        "plain");
    }

    @Test
    void aConditionOnABooleanPropertyMatchesTheBareSwitch() {
        assertThat(switchedOn(BareSwitches.meanTrue("--turno.audit.verify-and-exit")))
                .isTrue();
        assertThat(switchedOn(BareSwitches.meanTrue("--turno.audit.verify-and-exit=false")))
                .isFalse();
        assertThat(switchedOn(BareSwitches.meanTrue())).isFalse();
        assertThat(switchedOn("--turno.audit.verify-and-exit"))
                .as("what Spring makes of the bare switch by itself: an empty value, not true")
                .isFalse();
    }

    private static boolean switchedOn(String... args) {
        try (var context = new SpringApplicationBuilder(Switched.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run(args)) {
            return context.containsBean("checkAndExit");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Switched {

        @Bean
        @ConditionalOnBooleanProperty("turno.audit.verify-and-exit")
        Object checkAndExit() {
            return new Object();
        }
    }
}
