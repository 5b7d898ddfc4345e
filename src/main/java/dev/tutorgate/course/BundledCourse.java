package dev.tutorgate.course;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * The sample course under {@code /course/} on the class path: a folder while developing, a folder
 * inside the jar once built. Either way the loader reads it as a {@link Path}, so the bundled
 * course and a user's folder go through exactly the same code.
 */
final class BundledCourse {
    static final String RESOURCE = "/course/";

    private BundledCourse() {
    }

    // Synchronized: two loads at once must not close the jar file system under each other.
    static synchronized <T> T withFolder(Function<Path, T> read) {
        URI uri = locate();
        if (!"jar".equals(uri.getScheme())) {
            return read.apply(Path.of(uri));
        }
        try {
            FileSystem jar = FileSystems.newFileSystem(uri, Map.of());
            try (jar) {
                return read.apply(jar.provider().getPath(uri));
            }
        } catch (FileSystemAlreadyExistsException e) {
            // Someone else has the jar open (another load at the same time): read through theirs.
            return read.apply(FileSystems.getFileSystem(uri).provider().getPath(uri));
        } catch (IOException e) {
            throw new CourseException("the bundled sample course cannot be opened (" + e.getMessage() + ")", e);
        }
    }

    private static URI locate() {
        URL url = BundledCourse.class.getResource(RESOURCE);
        if (url == null) {
            throw new CourseException("the bundled sample course is missing from this build (no " + RESOURCE
                    + " on the class path); set course.path to a folder of lessons");
        }
        try {
            return url.toURI();
        } catch (URISyntaxException e) {
            throw new CourseException("the bundled sample course has an unusable location: " + url, e);
        }
    }
}
