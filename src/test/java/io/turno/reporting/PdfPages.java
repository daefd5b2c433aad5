package io.turno.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

import org.openpdf.text.pdf.PdfReader;

/**
 * A PDF drawn as a reader would see it: poppler's {@code pdftoppm} (Debian's poppler-utils, which
 * ./run-tests installs) renders its pages to PNG. Text extraction proves the words are in the file;
 * this proves a renderer other than the one that wrote it actually draws them.
 */
final class PdfPages {

    private PdfPages() {}

    /** Every page of the PDF as a PNG at 50 dpi, in page order. */
    static List<BufferedImage> render(byte[] pdf) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("turno-pdf-png");
        try {
            Path file = dir.resolve("report.pdf");
            Files.write(file, pdf);
            Process pdftoppm = new ProcessBuilder(
                            "pdftoppm",
                            "-png",
                            "-r",
                            "50",
                            file.toString(),
                            dir.resolve("page").toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(pdftoppm.getInputStream().readAllBytes());
            assertThat(pdftoppm.waitFor(60, TimeUnit.SECONDS))
                    .as("pdftoppm finished")
                    .isTrue();
            assertThat(pdftoppm.exitValue()).as(output).isZero();
            List<Path> pngs;
            try (Stream<Path> files = Files.list(dir)) {
                // page-1.png, page-2.png … (zero-padded past 9 pages): the name's order is the pages' order.
                pngs = files.filter(p -> p.toString().endsWith(".png")).sorted().toList();
            }
            List<BufferedImage> pages = new ArrayList<>();
            for (Path png : pngs) {
                pages.add(ImageIO.read(png.toFile()));
            }
            return pages;
        } finally {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** How many pixels of the page are not (nearly) white. */
    static long inkedPixels(BufferedImage page) {
        long inked = 0;
        for (int y = 0; y < page.getHeight(); y++) {
            for (int x = 0; x < page.getWidth(); x++) {
                int rgb = page.getRGB(x, y);
                int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
                if (r < 200 || g < 200 || b < 200) {
                    inked++;
                }
            }
        }
        return inked;
    }

    /**
     * Renders the PDF and checks it has as many pages as OpenPDF reads in it, none blank: the first (title, parameters,
     * a table) inks over 1 % of its pixels at 50 dpi; every later one at least its footer's page number.
     */
    static void assertDrawn(byte[] pdf) throws IOException, InterruptedException {
        int expectedPages;
        try (var reader = new PdfReader(pdf)) {
            expectedPages = reader.getNumberOfPages();
        }
        List<BufferedImage> pages = render(pdf);
        assertThat(pages).hasSize(expectedPages);
        for (int i = 0; i < pages.size(); i++) {
            BufferedImage page = pages.get(i);
            assertThat(page.getWidth()).as("page %d width", i + 1).isGreaterThan(100);
            long least = i == 0 ? (long) page.getWidth() * page.getHeight() / 100 : 50;
            assertThat(inkedPixels(page))
                    .as("non-white pixels of page %d", i + 1)
                    .isGreaterThan(least);
        }
    }
}
