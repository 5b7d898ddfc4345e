package dev.tutorgate.course;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The sample course under {@code course/} of this build: a folder next to our classes while
 * developing, a folder inside the jar once packaged. Either way the loader reads it as a
 * {@link Path}, so the bundled course and a user's folder go through the same code.
 *
 * <p>It is found next to this class rather than by asking the class path for "course/": another
 * entry of the class path (test resources, a library) may have a folder of that name too.
 */
final class BundledCourse {
    static final String FOLDER = "course";

    private BundledCourse() {
    }

    static <T> T withFolder(Function<Path, T> read) {
        URL self = BundledCourse.class.getResource(BundledCourse.class.getSimpleName() + ".class");
        if (self == null) {
            throw new CourseException("the bundled sample course cannot be located; set course.path to a folder of lessons");
        }
        try {
            if ("jar".equals(self.getProtocol())) {
                Path jar = Path.of(((JarURLConnection) self.openConnection()).getJarFileURL().toURI());
                // A private file system per call: nothing shared to close under another thread.
                try (FileSystem zip = FileSystems.newFileSystem(jar)) {
                    return read.apply(zip.getPath("/" + FOLDER));
                }
            }
            Path classesRoot = Path.of(self.toURI()).getParent(); // …/dev/tutorgate/course
            for (int i = 0; i < BundledCourse.class.getPackageName().split("\\.").length; i++) {
                classesRoot = classesRoot.getParent();
            }
            return read.apply(classesRoot.resolve(FOLDER));
        } catch (IOException | URISyntaxException e) {
            throw new CourseException("the bundled sample course cannot be opened (" + e.getMessage() + ")", e);
        }
    }
}
