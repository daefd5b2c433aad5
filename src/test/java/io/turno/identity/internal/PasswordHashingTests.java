package io.turno.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

class PasswordHashingTests {

    @Test
    void aBurstOfSignInsHashesNoMoreAtOnceThanThereAreCoresOffTheirVirtualThreadsAndEveryOneIsAnswered()
            throws Exception {
        var running = new AtomicInteger();
        var onVirtualThreads = new AtomicInteger();
        var mostAtOnce = new AtomicInteger();
        PasswordEncoder slow = new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return "{x}" + raw;
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                if (Thread.currentThread().isVirtual()) {
                    onVirtualThreads.incrementAndGet();
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                running.decrementAndGet();
                return encoded.equals(encode(raw));
            }
        };
        var accepted = new AtomicInteger();
        try (var limited = new PasswordHashing.OnePerCore(slow, 2);
                var signIns = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 40; i++) {
                signIns.submit(() -> {
                    if (limited.matches("secreto", "{x}secreto")) {
                        accepted.incrementAndGet();
                    }
                });
            }
        }
        assertThat(accepted).hasValue(40);
        assertThat(mostAtOnce).hasValue(2);
        assertThat(onVirtualThreads).hasValue(0);
    }
}
