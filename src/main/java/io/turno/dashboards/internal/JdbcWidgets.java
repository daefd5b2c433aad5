package io.turno.dashboards.internal;

import java.util.List;
import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The system's widget catalog, read-only: the migration that seeds it is its only writer. */
@Repository
class JdbcWidgets {

    private final JdbcClient jdbc;

    JdbcWidgets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Widget> all() {
        return jdbc.sql("""
                SELECT code, name_es, name_en, chart_kind, source_module, permission, audience,
                       CAST(parameters_schema AS text) AS parameters_schema
                FROM dashboards_widgets ORDER BY position""")
                .query((rs, n) -> new Widget(
                        rs.getString("code"),
                        rs.getString("name_es"),
                        rs.getString("name_en"),
                        Widget.ChartKind.valueOf(rs.getString("chart_kind").toUpperCase(Locale.ROOT)),
                        rs.getString("source_module"),
                        rs.getString("permission"),
                        rs.getString("audience"),
                        rs.getString("parameters_schema")))
                .list();
    }
}
