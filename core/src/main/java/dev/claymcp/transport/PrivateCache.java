package dev.claymcp.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The directory where the server keeps what makes its next start faster, private to the user: created 0700 (whatever
 * the umask), its files written 0600. A directory or file that another user owns, or that anyone but its owner may
 * write, is never read, since whoever can write it could put answers (or, for the launcher, a class archive) in the
 * user's server. On a file system without POSIX permissions (Windows) the operating system's own rules apply.
 */
final class PrivateCache {

    private static final Set<PosixFilePermission> WRITABLE_BY_OTHERS = Set.of(PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_WRITE);

    private final Path dir;

    private PrivateCache(Path dir) {
        this.dir = dir;
    }

    /** The cache directory, created when missing; empty when it cannot be made or cannot be trusted. */
    static Optional<PrivateCache> open(Path dir) {
        try {
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(dir);
                if (posix(dir)) {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                }
            }
            return Files.isDirectory(dir) && trusted(dir) ? Optional.of(new PrivateCache(dir)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    Path dir() {
        return dir;
    }

    /** The file's text, when it is a regular file of the user's that only the user may write. */
    Optional<String> read(String name) {
        Path file = dir.resolve(name);
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || !trusted(file)) {
                return Optional.empty();
            }
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Writes the file 0600, atomically: a start that reads it at the same time reads the old text or the new. */
    void write(String name, String text) throws IOException {
        Path temp = posix(dir)
                ? Files.createTempFile(dir, ".answers", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, ".answers", ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try {
                Files.move(temp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    void delete(String name) throws IOException {
        Files.deleteIfExists(dir.resolve(name));
    }

    /** Deletes the oldest files whose names start with the prefix, keeping the newest {@code keep}. */
    void prune(String prefix, int keep) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> matching = files.filter(f -> f.getFileName().toString().startsWith(prefix))
                    .sorted(Comparator.comparing(PrivateCache::modified).reversed()).toList();
            for (Path old : matching.subList(Math.min(keep, matching.size()), matching.size())) {
                Files.deleteIfExists(old);
            }
        } catch (IOException | RuntimeException e) {
            // kept for now; pruned by a later start
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Owned by this user and writable by no one else. */
    static boolean trusted(Path path) throws IOException {
        if (!posix(path)) {
            return true;
        }
        PosixFileAttributes attributes = Files.getFileAttributeView(path, PosixFileAttributeView.class)
                .readAttributes();
        UserPrincipal me = FileSystems.getDefault().getUserPrincipalLookupService()
                .lookupPrincipalByName(System.getProperty("user.name"));
        return attributes.owner().equals(me)
                && attributes.permissions().stream().noneMatch(WRITABLE_BY_OTHERS::contains);
    }
}
