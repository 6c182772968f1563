package org.qbi.io.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Manifest;

import org.eclipse.core.runtime.ContributorFactorySimple;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IContributor;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.RegistryFactory;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.spi.RegistryContributor;
import org.eclipse.core.runtime.spi.RegistryStrategy;

/**
 * The Eclipse extension registry filled from the {@code plugin.xml} files of a plain class path, for JVMs without
 * OSGi (Spark executors, plain-JVM tools and tests). It is the same registry implementation the workbench uses
 * (org.eclipse.equinox.registry runs outside OSGi), so readers, operators, measurements, statistics and commands
 * load from the same declarations.
 * <p>
 * Two layouts are read:
 * <ul>
 * <li>a plugin jar (or class folder) on the class path: {@code plugin.xml} at its root, named by the
 * {@code Bundle-SymbolicName} of its {@code META-INF/MANIFEST.MF} (a lab's plugin jar added with
 * {@code --jars});</li>
 * <li>a job jar that holds many plugins unpacked into one class path: each plugin's declaration kept at
 * {@value #BUNDLED}NAME/plugin.xml with its manifest at NAME/META-INF/MANIFEST.MF, the names listed one a line in
 * {@value #INDEX} (several plugin.xml at one path would collide).</li>
 * </ul>
 * Classes are loaded through the class loader the registry was read from (the task's context class loader on a
 * Spark executor, which holds the --jars).
 *
 * @since 0.1
 */
public final class ClasspathRegistry {

    /** Folder of the plugins' declarations inside a job jar. */
    public static final String BUNDLED = "META-INF/qbi-plugins/";

    /** The list of plugin names inside a job jar, one a line. */
    public static final String INDEX = BUNDLED + "index.txt";

    /** A plugin found on the class path. */
    public record Plugin(String name, String version, URL declaration) {
    }

    private static final Object TOKEN = new Object();
    private static volatile ClasspathRegistry installed;

    private final IExtensionRegistry registry;
    private final Map<String, Plugin> plugins;
    private final List<String> problems;

    private ClasspathRegistry(IExtensionRegistry registry, Map<String, Plugin> plugins, List<String> problems) {
        this.registry = registry;
        this.plugins = plugins;
        this.problems = problems;
    }

    /**
     * The registry of the plugins {@code loader} reaches (a fresh one; see {@link #install(ClassLoader)} for the
     * process-wide default).
     */
    public static ClasspathRegistry read(ClassLoader loader) {
        IExtensionRegistry registry = RegistryFactory.createRegistry(new ClassLoaderStrategy(loader), TOKEN, TOKEN);
        Map<String, Plugin> plugins = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        try {
            for (URL declaration : Collections.list(loader.getResources("plugin.xml"))) {
                URL manifest = URI.create(declaration.toString().replaceFirst("plugin\\.xml$", "META-INF/MANIFEST.MF"))
                        .toURL();
                add(registry, declaration, manifest, plugins, problems);
            }
            for (URL index : Collections.list(loader.getResources(INDEX))) {
                String text;
                try (InputStream in = index.openStream()) {
                    text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
                String base = index.toString().substring(0, index.toString().length() - "index.txt".length());
                for (String line : text.split("\\R")) {
                    if (!line.isBlank()) {
                        add(registry, URI.create(base + line.strip() + "/plugin.xml").toURL(),
                                URI.create(base + line.strip() + "/META-INF/MANIFEST.MF").toURL(), plugins, problems);
                    }
                }
            }
        } catch (IOException e) {
            problems.add("the class path could not be listed (" + e + ")");
        }
        return new ClasspathRegistry(registry, plugins, problems);
    }

    /**
     * The process-wide extension registry: the running platform's inside OSGi; elsewhere the registry of the
     * plugins on the context class loader, read and installed as the default on first use.
     */
    public static IExtensionRegistry current() {
        IExtensionRegistry registry = RegistryFactory.getRegistry();
        return registry != null ? registry : install(loader()).registry;
    }

    /**
     * Reads the plugins {@code loader} reaches and makes their registry the process-wide default (what
     * {@link RegistryFactory#getRegistry()} returns). Does nothing when one is installed already.
     *
     * @return the installed registry, or null inside OSGi (the platform's registry is the default there)
     */
    public static synchronized ClasspathRegistry install(ClassLoader loader) {
        if (installed == null && RegistryFactory.getRegistry() == null) {
            ClasspathRegistry read = read(loader);
            try {
                RegistryFactory.setDefaultRegistryProvider(() -> read.registry);
            } catch (CoreException e) {
                throw new IllegalStateException("Could not install the class path's extension registry: " + e, e);
            }
            installed = read;
        }
        return installed;
    }

    /** The installed class-path registry, or null (inside OSGi, or before first use). */
    public static ClasspathRegistry installed() {
        return installed;
    }

    /**
     * The version of plugin {@code name} (its Bundle-Version): from the OSGi framework inside OSGi, from its
     * manifest on a plain class path; empty when unknown.
     */
    public static String version(String name) {
        ClasspathRegistry plain = installed;
        if (plain != null) {
            Plugin plugin = plain.plugins.get(name);
            return plugin == null ? "" : plugin.version();
        }
        try {
            org.osgi.framework.Bundle bundle = org.eclipse.core.runtime.Platform.getBundle(name);
            return bundle == null ? "" : bundle.getVersion().toString();
        } catch (LinkageError | RuntimeException noOsgi) {
            return "";
        }
    }

    public IExtensionRegistry registry() {
        return registry;
    }

    /** The plugins read, by name. */
    public Map<String, Plugin> plugins() {
        return Collections.unmodifiableMap(plugins);
    }

    /** Declarations that could not be read, each naming where and why. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    private static void add(IExtensionRegistry registry, URL declaration, URL manifestUrl, Map<String, Plugin> plugins,
            List<String> problems) {
        String name;
        String version;
        try (InputStream in = manifestUrl.openStream()) {
            var attributes = new Manifest(in).getMainAttributes();
            name = attributes.getValue("Bundle-SymbolicName");
            version = attributes.getValue("Bundle-Version");
        } catch (IOException e) {
            problems.add(declaration + ": no manifest beside it (" + e.getMessage() + ")");
            return;
        }
        if (name == null) {
            problems.add(declaration + ": its manifest has no Bundle-SymbolicName");
            return;
        }
        name = name.split(";")[0].strip();
        Plugin first = plugins.get(name);
        if (first != null) {
            // the same plugin twice on the class path (its jar and a job jar's copy): the first one counts
            if (!first.version().equals(version == null ? "" : version.strip())) {
                problems.add(declaration + ": plugin " + name + " " + version + " is ignored; version "
                        + first.version() + " is read from " + first.declaration());
            }
            return;
        }
        IContributor contributor = ContributorFactorySimple.createContributor(name);
        try (InputStream in = declaration.openStream()) {
            if (!registry.addContribution(in, contributor, false, declaration.toString(), null, TOKEN)) {
                problems.add(declaration + ": plugin.xml of " + name + " could not be parsed");
                return;
            }
        } catch (IOException e) {
            problems.add(declaration + ": " + e.getMessage());
            return;
        }
        plugins.put(name, new Plugin(name, version == null ? "" : version.strip(), declaration));
    }

    private static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : ClasspathRegistry.class.getClassLoader();
    }

    /** Creates executable extensions with the class loader the plugins were read from. */
    private static final class ClassLoaderStrategy extends RegistryStrategy {
        private final ClassLoader loader;

        ClassLoaderStrategy(ClassLoader loader) {
            super(null, null);
            this.loader = loader;
        }

        @Override
        public Object createExecutableExtension(RegistryContributor contributor, String className,
                String overriddenContributorName) throws CoreException {
            try {
                return Class.forName(className, true, loader).getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                throw new CoreException(new Status(IStatus.ERROR, contributor.getActualName(),
                        "plugin " + contributor.getActualName() + ": class " + className + " could not be created ("
                                + e + ")", e));
            }
        }

        @Override
        public void log(IStatus status) {
            // the registry reports malformed declarations here; the callers report failed contributions themselves
            if (status.getSeverity() >= IStatus.ERROR) {
                System.err.println("qbi: extension registry: " + status.getMessage());
            }
        }
    }
}
