package org.planregistry.embeddedstore;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The command line of a JVM of its own that runs a class from this process's class path: the store, or one of the
 * applications, in a process a test can kill or a benchmark can weigh.
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    /** {@code java -cp <this class path> -Xmx<maxHeap> <jvmOptions> <mainClass> <args>}. */
    public static List<String> command(String maxHeap, List<String> jvmOptions, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(classPath());
        command.add("-Xmx" + maxHeap);
        command.addAll(jvmOptions);
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /**
     * The class path this code was loaded from. Surefire sets {@code java.class.path} to the tests' class path, but
     * {@code exec:java} (the benchmarks) loads the project into a class loader of its own inside Maven's JVM, whose
     * {@code java.class.path} is Maven's: there the loader's own URLs are the class path.
     */
    public static String classPath() {
        if (ChildJvm.class.getClassLoader() instanceof URLClassLoader loader && loader.getURLs().length > 0) {
            return Stream.of(loader.getURLs()).map(ChildJvm::path).collect(Collectors.joining(File.pathSeparator));
        }
        return System.getProperty("java.class.path");
    }

    private static String path(URL url) {
        try {
            return Path.of(url.toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("not a file on the class path: " + url, e);
        }
    }
}
