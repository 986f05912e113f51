package dev.hoshi.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataSharingTest {

    @TempDir
    Path dir;

    @Test
    void aJarRewrittenWithTheSameBytesKeepsItsArchiveAndOneWithOtherBytesOfTheSameSizeAndTimeDoesNot()
            throws Exception {
        Path jar = dir.resolve("service.jar");
        Files.write(jar, new byte[] {1, 2, 3, 4});
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        String trained = ClassDataSharing.stamp(jar);

        Files.write(jar, new byte[] {1, 2, 3, 4}); // a build that changed nothing writes the jar afresh
        assertThat(ClassDataSharing.stamp(jar)).isEqualTo(trained);

        Files.write(jar, new byte[] {1, 2, 3, 5}); // a reproducible build keeps size and time; the content moved
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        assertThat(ClassDataSharing.stamp(jar)).isNotEqualTo(trained);
    }
}
