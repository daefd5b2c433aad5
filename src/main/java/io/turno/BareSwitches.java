package io.turno;

import java.util.Arrays;

/**
 * A bare switch on the command line means {@code true}: {@code --turno.audit.verify-and-exit} works
 * as README writes it. Spring reads a bare {@code --name} as an empty value, which a boolean
 * property takes for "not set". A switch given a value ({@code =false}, or an empty {@code =}) keeps
 * it, and so does everything that is not a {@code --name}.
 */
final class BareSwitches {

    private BareSwitches() {}

    static String[] meanTrue(String... args) {
        return Arrays.stream(args)
                .map(arg -> arg.startsWith("--") && arg.length() > 2 && !arg.contains("=") ? arg + "=true" : arg)
                .toArray(String[]::new);
    }
}
