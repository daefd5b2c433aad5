package io.turno;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The benchmarks' load generator: {@code wrk} (Debian package) with a script of
 * src/test/resources/bench, in a process of its own, so the load does not compete with the server
 * for its JVM's compiler, collector and carrier threads. Latencies are per request.
 */
public final class Wrk {

    public record Figures(long count, double perSecond, double p50, double p99, long errors) {}

    private Wrk() {}

    public static boolean installed() {
        try {
            return new ProcessBuilder("wrk", "--version").start().waitFor() >= 0;
        } catch (Exception e) {
            System.out.println(
                    "wrk is not installed (apt-get install wrk): the load comes from the benchmark's JVM instead");
            return false;
        }
    }

    public static Figures run(
            int port, String script, int threads, int connections, Duration duration, String path, String... args)
            throws Exception {
        return figures(wrk(port, script, threads, connections, duration, path, args));
    }

    /**
     * {@link #run}'s figures, the 95th percentile in ms, which a script prints as {@code p95-us: N}
     * (bearer-get-p95.lua), and the requests wrk gave up on after its 2 s timeout (counted in no percentile).
     */
    public record WithP95(Figures figures, double p95, long timeouts) {}

    public static WithP95 runWithP95(
            int port, String script, int threads, int connections, Duration duration, String path, String... args)
            throws Exception {
        String output = wrk(port, script, threads, connections, duration, path, args);
        return new WithP95(
                figures(output),
                Double.parseDouble(match(output, "p95-us: (\\d+)", "NaN")) / 1000,
                Long.parseLong(match(output, "timeout (\\d+)", "0")));
    }

    private static Figures figures(String output) {
        double perSecond = Double.parseDouble(match(output, "Requests/sec:\\s+([\\d.]+)", "0"));
        long total = Long.parseLong(match(output, "(\\d+) requests in", "0"));
        long errors = Long.parseLong(match(output, "Non-2xx or 3xx responses: (\\d+)", "0"));
        return new Figures(total, perSecond, millis(output, "50%"), millis(output, "99%"), errors);
    }

    /**
     * {@code perSecond} requests a second from {@code clients} connections, each on a thread of its
     * own, with latencies counted from when each request was due (see pacing.lua). The script
     * takes the rate per connection as its first argument, before {@code args}.
     */
    public static Figures paced(
            int port, String script, int clients, double perSecond, Duration duration, String path, String... args)
            throws Exception {
        var all = new ArrayList<>(List.of(Double.toString(perSecond / clients)));
        all.addAll(List.of(args));
        String output = wrk(port, script, clients, clients, duration, path, all.toArray(String[]::new));
        var m = Pattern.compile("paced: (\\d+) (\\d+) (\\S+) (\\S+)").matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("wrk printed no paced figures:\n" + output);
        }
        long total = Long.parseLong(m.group(1));
        // Lua prints "nan" for the percentiles of no requests.
        return new Figures(
                total,
                total / (double) duration.toSeconds(),
                total == 0 ? Double.NaN : Double.parseDouble(m.group(3)),
                total == 0 ? Double.NaN : Double.parseDouble(m.group(4)),
                Long.parseLong(m.group(2)));
    }

    private static String wrk(
            int port, String script, int threads, int connections, Duration duration, String path, String... args)
            throws Exception {
        var command = new ArrayList<>(List.of(
                "wrk",
                "-t" + threads,
                "-c" + connections,
                "-d" + duration.toSeconds() + "s",
                "--latency",
                "-s",
                "src/test/resources/bench/" + script,
                "http://127.0.0.1:" + port + path,
                "--"));
        command.addAll(List.of(args));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return output;
    }

    private static double millis(String output, String percentile) {
        var m = Pattern.compile(percentile + "\\s+([\\d.]+)(us|ms|s)").matcher(output);
        if (!m.find()) {
            return Double.NaN;
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }

    private static String match(String output, String regex, String otherwise) {
        var m = Pattern.compile(regex).matcher(output);
        return m.find() ? m.group(1) : otherwise;
    }
}
