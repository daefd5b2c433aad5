package io.turno.queueing.web;

/** What the configuration pages share: page size and tidy query parameters. */
final class Pages {

    static final int SIZE = 25;

    private Pages() {}

    static int page(int page) {
        return Math.max(0, page);
    }

    static String text(String q) {
        return q == null || q.isBlank()
                ? null
                : q.strip().substring(0, Math.min(q.strip().length(), 100));
    }
}
