package io.turno.identity.internal;

import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class PasswordHashing {

    /** Argon2id with OWASP's parameters (19 MiB, 2 iterations); bcrypt hashes of older systems still verify. */
    @Bean
    PasswordEncoder passwordEncoder() {
        var argon2 = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
        var bcrypt = new BCryptPasswordEncoder();
        var encoder = new DelegatingPasswordEncoder("argon2", Map.of("argon2", argon2, "bcrypt", bcrypt));
        encoder.setDefaultPasswordEncoderForMatches(bcrypt);
        return new OnePerCore(encoder, Runtime.getRuntime().availableProcessors());
    }

    /**
     * At most one hash computed per core at a time; other sign-ins wait their turn. Each Argon2id
     * computation takes 19 MiB: a burst of logins computed all at once (request threads are virtual
     * and unbounded) would take memory without limit, and more computations than cores only share
     * the cores and evict each other's memory from their caches, so every one of them is slower.
     */
    static final class OnePerCore implements PasswordEncoder {

        private final PasswordEncoder encoder;
        private final Semaphore cores;

        OnePerCore(PasswordEncoder encoder, int cores) {
            this.encoder = encoder;
            this.cores = new Semaphore(cores, true);
        }

        @Override
        public String encode(CharSequence rawPassword) {
            return oneAtATime(() -> encoder.encode(rawPassword));
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            return oneAtATime(() -> encoder.matches(rawPassword, encodedPassword));
        }

        @Override
        public boolean upgradeEncoding(String encodedPassword) {
            return encoder.upgradeEncoding(encodedPassword);
        }

        private <T> T oneAtATime(Supplier<T> hashing) {
            cores.acquireUninterruptibly();
            try {
                return hashing.get();
            } finally {
                cores.release();
            }
        }
    }
}
