package io.turno.reporting.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.text.NumberFormat;
import java.util.List;
import javax.imageio.ImageIO;

import io.turno.shared.Formats;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PiePlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.general.DefaultPieDataset;

/**
 * A report's chart drawn on the server with JFreeChart, in the colours and plain style of the pages'
 * Chart.js charts, as a PNG for the PDF. Axis figures are written as the pages write numbers.
 */
final class ChartImages {

    /** Chart.js's default palette, so a printed chart looks like the one on the page. */
    private static final List<Color> PALETTE = List.of(
            new Color(0x36A2EB),
            new Color(0xFF6384),
            new Color(0x4BC0C0),
            new Color(0xFF9F40),
            new Color(0x9966FF),
            new Color(0xFFCD56),
            new Color(0xC9CBCF));

    private ChartImages() {}

    static byte[] png(Chart chart, java.util.Locale locale, Formats formats, int width, int height) throws IOException {
        JFreeChart drawn = chart.kind() == Chart.Kind.PIE ? pie(chart, locale) : categories(chart, locale, formats);
        drawn.setBackgroundPaint(Color.WHITE);
        drawn.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        BufferedImage image = drawn.createBufferedImage(width, height);
        var png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return png.toByteArray();
    }

    private static JFreeChart categories(Chart chart, java.util.Locale locale, Formats formats) {
        var data = new DefaultCategoryDataset();
        for (Chart.Series series : chart.series()) {
            for (int i = 0; i < chart.labels().size(); i++) {
                Number value = series.values().get(i);
                data.addValue(
                        value == null ? 0 : value.doubleValue(),
                        series.name().in(locale),
                        chart.labels().get(i));
            }
        }
        JFreeChart drawn = chart.kind() == Chart.Kind.LINE
                ? ChartFactory.createLineChart(
                        chart.title().in(locale),
                        null,
                        null,
                        data,
                        PlotOrientation.VERTICAL,
                        chart.series().size() > 1,
                        false,
                        false)
                : ChartFactory.createBarChart(
                        chart.title().in(locale),
                        null,
                        null,
                        data,
                        PlotOrientation.VERTICAL,
                        chart.series().size() > 1,
                        false,
                        false);
        CategoryPlot plot = drawn.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setRangeGridlinePaint(new Color(0xE5E5E5));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        NumberFormat axis = NumberFormat.getNumberInstance(formats.locale());
        ((NumberAxis) plot.getRangeAxis()).setNumberFormatOverride(axis);
        for (int s = 0; s < chart.series().size(); s++) {
            plot.getRenderer().setSeriesPaint(s, PALETTE.get(s % PALETTE.size()));
        }
        if (plot.getRenderer() instanceof BarRenderer bars) {
            bars.setBarPainter(new StandardBarPainter());
            bars.setShadowVisible(false);
            bars.setMaximumBarWidth(0.12);
        }
        return drawn;
    }

    private static JFreeChart pie(Chart chart, java.util.Locale locale) {
        var data = new DefaultPieDataset<String>();
        Chart.Series series = chart.series().getFirst();
        for (int i = 0; i < chart.labels().size(); i++) {
            Number value = series.values().get(i);
            data.setValue(chart.labels().get(i), value == null ? 0 : value.doubleValue());
        }
        JFreeChart drawn = ChartFactory.createPieChart(chart.title().in(locale), data, true, false, false);
        @SuppressWarnings("unchecked")
        PiePlot<String> plot = (PiePlot<String>) drawn.getPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setShadowPaint(null);
        for (int i = 0; i < chart.labels().size(); i++) {
            plot.setSectionPaint(chart.labels().get(i), PALETTE.get(i % PALETTE.size()));
        }
        return drawn;
    }
}
