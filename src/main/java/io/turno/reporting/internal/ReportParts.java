package io.turno.reporting.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where a job's file is rendered before the UPDATE that makes the job DONE stores it in the row:
 * {@code <turno.data-dir>/reporting/parts}. A run deletes its part when it ends; a process killed
 * mid-job cannot, so at start-up every part last written before this JVM started is deleted — one Turno
 * runs on a data directory, so such a part belongs to a process that is gone (its job is taken back
 * and rendered again from the start, see {@link ReportJobRunner}).
 */
@Component
class ReportParts {

    private static final Logger log = LoggerFactory.getLogger(ReportParts.class);

    private final Path directory;

    ReportParts(@Value("${turno.data-dir:./data}") Path dataDir) {
        this.directory =
                dataDir.toAbsolutePath().normalize().resolve("reporting").resolve("parts");
        deleteLeftovers(FileTime.fromMillis(ManagementFactory.getRuntimeMXBean().getStartTime()));
    }

    /** A new, empty part for one run of the job. */
    Path create(UUID job) throws IOException {
        Files.createDirectories(directory);
        return Files.createTempFile(directory, "job-" + job + "-", ".part");
    }

    Path directory() {
        return directory;
    }

    /** Parts last written before {@code before}: left by a killed process. */
    private void deleteLeftovers(FileTime before) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(directory, "*.part")) {
            for (Path part : parts) {
                if (Files.getLastModifiedTime(part).compareTo(before) < 0) {
                    Files.deleteIfExists(part);
                    log.info("Deleted {}, the half-written file of a report job interrupted by a stop", part);
                }
            }
        } catch (IOException e) {
            log.warn("Could not clean {}: {}", directory, e.toString());
        }
    }
}
