package dev.claymcp.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache directory and its files are the user's alone, and nothing another user could have written is read. */
class PrivateCacheTest {

    @TempDir
    Path dir;

    @BeforeEach
    void posixOnly() {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
    }

    @Test
    void theDirectoryIsCreatedPrivateWhateverTheParentAllowsAndFilesAreWritten0600() throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        PrivateCache cache = PrivateCache.open(dir.resolve("a").resolve("cache")).orElseThrow();

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.dir())));
        cache.write("answers-x.json", "{}");
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(cache.dir().resolve("answers-x.json"))));
        assertEquals(Optional.of("{}"), cache.read("answers-x.json"));
    }

    @Test
    void aDirectoryOthersMayWriteIsNotUsed() throws IOException {
        Path shared = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertEquals(Optional.empty(), PrivateCache.open(shared));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwx---"));
        assertEquals(Optional.empty(), PrivateCache.open(shared), "group-writable");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertTrue(PrivateCache.open(shared).isPresent());
    }

    @Test
    void aFileOthersMayWriteOrALinkIsNotRead() throws IOException {
        PrivateCache cache = PrivateCache.open(dir.resolve("cache")).orElseThrow();
        Path planted = cache.dir().resolve("answers-p.json");
        Files.writeString(planted, "{\"planted\":true}");
        Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertEquals(Optional.empty(), cache.read("answers-p.json"));

        Path elsewhere = Files.writeString(dir.resolve("elsewhere.json"), "{}");
        Files.createSymbolicLink(cache.dir().resolve("answers-l.json"), elsewhere);
        assertEquals(Optional.empty(), cache.read("answers-l.json"));
    }

    @Test
    void pruningKeepsTheNewestFiles() throws IOException {
        PrivateCache cache = PrivateCache.open(dir.resolve("cache")).orElseThrow();
        for (int i = 0; i < 5; i++) {
            cache.write("answers-" + i + ".json", "{}");
            Files.setLastModifiedTime(cache.dir().resolve("answers-" + i + ".json"), FileTime.fromMillis(1_000_000L * i));
        }
        Files.writeString(cache.dir().resolve("other.jsa"), "x");

        cache.prune("answers-", 2);

        try (Stream<Path> files = Files.list(cache.dir())) {
            assertEquals(List.of("answers-3.json", "answers-4.json", "other.jsa"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }
}
