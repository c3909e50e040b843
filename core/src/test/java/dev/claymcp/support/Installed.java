package dev.claymcp.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Programs from Debian packages that some tests run for real (redis-server, haproxy). CI installs them; on a machine
 * without them those tests are skipped, saying what to install, unless {@code -Dbuild.require-services=true} (as in
 * CI) makes a missing one a failure.
 */
public final class Installed {

    private Installed() {
    }

    /** The program's path on the PATH; skips (or, where required, fails) the calling test when it is missing. */
    public static Path require(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String why = program + " is not on the PATH: install it (apt-get install " + program + ") to run this test";
        if (Boolean.getBoolean("build.require-services")) {
            Assertions.fail(why);
        }
        Assumptions.abort(why);
        return null; // not reached
    }
}
