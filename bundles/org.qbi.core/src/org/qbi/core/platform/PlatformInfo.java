package org.qbi.core.platform;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * What is running: the QBI bundles and their versions, the Java runtime, the memory limits.
 * <p>
 * Inside OSGi the components are the installed bundles whose symbolic name starts with {@code org.qbi}
 * (built-in and lab plugins alike); on a plain classpath (Spark executors, plain-JVM tools) the list is
 * empty and only the Java facts are known.
 *
 * @since 0.1
 */
public final class PlatformInfo {

    /** Prefix of every bundle that belongs to the platform or to a QBI lab plugin. */
    public static final String BUNDLE_PREFIX = "org.qbi";

    /** One installed QBI bundle. */
    public record Component(String symbolicName, String version, String name, String state) {
    }

    private PlatformInfo() {
    }

    /** The installed {@code org.qbi*} bundles sorted by symbolic name; empty outside OSGi. */
    public static List<Component> components() {
        BundleContext context = bundleContext();
        if (context == null) {
            return List.of();
        }
        List<Component> result = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            String id = bundle.getSymbolicName();
            if (id != null && id.startsWith(BUNDLE_PREFIX)) {
                String name = bundle.getHeaders("").get("Bundle-Name");
                result.add(new Component(id, bundle.getVersion().toString(), name == null ? id : name,
                        stateName(bundle.getState())));
            }
        }
        result.sort(Comparator.comparing(Component::symbolicName));
        return List.copyOf(result);
    }

    /**
     * The version of bundle org.qbi.core, which is the platform version: from OSGi, else from org.qbi.core's manifest
     * on the class path (its jar, or a job jar's copy under META-INF/qbi-plugins/); "unknown" when neither says.
     */
    public static String platformVersion() {
        Bundle self = bundle();
        return self != null ? self.getVersion().toString() : plainVersion();
    }

    private static String plainVersion() {
        try {
            java.net.URL location = PlatformInfo.class.getProtectionDomain().getCodeSource().getLocation();
            java.util.List<java.net.URL> manifests = new ArrayList<>();
            ClassLoader loader = PlatformInfo.class.getClassLoader();
            java.net.URL bundled = loader == null ? null
                    : loader.getResource("META-INF/qbi-plugins/org.qbi.core/META-INF/MANIFEST.MF");
            if (bundled != null) {
                manifests.add(bundled);
            }
            if (location != null && location.getPath().endsWith(".jar")) {
                manifests.add(java.net.URI.create("jar:" + location + "!/META-INF/MANIFEST.MF").toURL());
            }
            for (java.net.URL url : manifests) {
                try (java.io.InputStream in = url.openStream()) {
                    var attributes = new java.util.jar.Manifest(in).getMainAttributes();
                    String name = attributes.getValue("Bundle-SymbolicName");
                    if (name != null && (name.startsWith("org.qbi.core;") || name.equals("org.qbi.core"))) {
                        return attributes.getValue("Bundle-Version");
                    }
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // no manifest to read: unknown
        }
        return "unknown";
    }

    /** Java vendor, version and VM, e.g. "Eclipse Adoptium 25.0.1 (OpenJDK 64-Bit Server VM)". */
    public static String javaVersion() {
        return System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version") + " ("
                + System.getProperty("java.vm.name") + ")";
    }

    /** The maximum Java heap in bytes. */
    public static long maxHeapBytes() {
        return Runtime.getRuntime().maxMemory();
    }

    /**
     * The off-heap budget in bytes that the start scripts set with {@code -Dqbi.offheap.budget=BYTES}
     * (chunk caches and native image storage stay within it); a quarter of the heap when unset.
     */
    public static long offHeapBudgetBytes() {
        String value = System.getProperty("qbi.offheap.budget");
        if (value == null) {
            return maxHeapBytes() / 4;
        }
        long budget;
        try {
            budget = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(badBudget(value), e);
        }
        if (budget < 0) {
            throw new IllegalStateException(badBudget(value));
        }
        return budget;
    }

    private static String badBudget(String value) {
        return "System property qbi.offheap.budget is '" + value + "', expected a number of bytes such as 4294967296";
    }

    private static BundleContext bundleContext() {
        Bundle self = bundle();
        return self == null ? null : self.getBundleContext();
    }

    private static Bundle bundle() {
        try {
            return FrameworkUtil.getBundle(PlatformInfo.class);
        } catch (NoClassDefFoundError plainClasspathWithoutOsgi) {
            return null;
        }
    }

    private static String stateName(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "active";
            case Bundle.RESOLVED -> "resolved";
            case Bundle.STARTING -> "lazy (starts on first use)";
            case Bundle.STOPPING -> "stopping";
            case Bundle.INSTALLED -> "installed (unresolved)";
            default -> "uninstalled";
        };
    }
}
