package org.qbi.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.eclipse.osgi.container.ModuleRevisionBuilder;
import org.eclipse.osgi.container.ModuleRevisionBuilder.GenericInfo;
import org.eclipse.osgi.container.builders.OSGiManifestBuilderFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.resource.Namespace;
import org.osgi.resource.Requirement;
import org.osgi.resource.Resource;

/**
 * The product's {@code dropins/} folder: the plugins (jars or folders with a manifest) and features (folders with a
 * feature.xml) lying there, directly or under {@code plugins/}, {@code features/} or {@code eclipse/}, with their
 * state. The p2 dropins reconciler installs what it can at start; a plugin whose requirements are not met is left
 * out by it, so the missing requirements are found here from the jar's manifest against the running platform.
 *
 * @since 0.1
 */
public final class Dropins {

    private static final Pattern FEATURE_ID = Pattern.compile("<feature[^>]*?\\sid\\s*=\\s*\"([^\"]+)\"", Pattern.DOTALL);
    private static final Pattern FEATURE_VERSION = Pattern.compile("<feature[^>]*?\\sversion\\s*=\\s*\"([^\"]+)\"",
            Pattern.DOTALL);

    private Dropins() {
    }

    /** What lies in {@code folder} (a dropins folder) and its state in the framework of {@code context}. */
    public static List<DropinsEntry> list(Path folder, BundleContext context) {
        List<DropinsEntry> entries = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return entries;
        }
        for (Path candidate : candidates(folder)) {
            if (Files.isRegularFile(candidate.resolve("feature.xml"))) {
                entries.add(feature(candidate));
            } else if (candidate.getFileName().toString().endsWith(".jar")
                    || Files.isRegularFile(candidate.resolve("META-INF/MANIFEST.MF"))) {
                entries.add(plugin(candidate, context));
            }
        }
        return entries;
    }

    /** The entries directly in the folder and in its plugins/, features/ and eclipse/{plugins,features}/. */
    private static List<Path> candidates(Path folder) {
        List<Path> all = new ArrayList<>();
        for (Path dir : List.of(folder, folder.resolve("plugins"), folder.resolve("features"),
                folder.resolve("eclipse/plugins"), folder.resolve("eclipse/features"))) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> children = Files.list(dir)) {
                children.sorted().forEach(all::add);
            } catch (IOException e) {
                // an unreadable subfolder lists nothing; the others still do
            }
        }
        return all;
    }

    private static DropinsEntry feature(Path folder) {
        try {
            String xml = Files.readString(folder.resolve("feature.xml"));
            String id = first(FEATURE_ID, xml);
            String version = first(FEATURE_VERSION, xml);
            return new DropinsEntry(folder, "feature", id, version, "", "");
        } catch (IOException e) {
            return new DropinsEntry(folder, "feature", "?", "?", "NOT LOADED", "feature.xml unreadable: " + e.getMessage());
        }
    }

    private static String first(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : "?";
    }

    private static DropinsEntry plugin(Path path, BundleContext context) {
        Map<String, String> headers;
        try {
            headers = manifest(path);
        } catch (IOException e) {
            return new DropinsEntry(path, "plugin", "?", "?", "NOT LOADED",
                    "no readable OSGi manifest (META-INF/MANIFEST.MF): " + e.getMessage());
        }
        ModuleRevisionBuilder builder;
        try {
            builder = OSGiManifestBuilderFactory.createBuilder(headers);
        } catch (BundleException | RuntimeException e) {
            return new DropinsEntry(path, "plugin", String.valueOf(headers.get(Constants.BUNDLE_SYMBOLICNAME)), "?",
                    "NOT LOADED", "invalid OSGi manifest: " + e.getMessage());
        }
        String name = builder.getSymbolicName();
        String version = builder.getVersion().toString();
        if (name == null) {
            return new DropinsEntry(path, "plugin", "?", version, "NOT LOADED",
                    "not an OSGi bundle (its manifest has no Bundle-SymbolicName)");
        }
        for (Bundle bundle : context.getBundles()) {
            if (name.equals(bundle.getSymbolicName()) && bundle.getVersion().equals(builder.getVersion())) {
                if (bundle.getState() != Bundle.INSTALLED) {
                    return new DropinsEntry(path, "plugin", name, version, LabExtensions.stateName(bundle), "");
                }
            }
        }
        String missing = missingRequirements(builder, context);
        return new DropinsEntry(path, "plugin", name, version, "NOT LOADED", missing.isEmpty()
                ? "not picked up yet: it is loaded at the next start" : "needs " + missing + ", which is not installed");
    }

    private static Map<String, String> manifest(Path path) throws IOException {
        Manifest manifest;
        if (Files.isDirectory(path)) {
            try (InputStream in = Files.newInputStream(path.resolve("META-INF/MANIFEST.MF"))) {
                manifest = new Manifest(in);
            }
        } else {
            try (JarFile jar = new JarFile(path.toFile())) {
                manifest = jar.getManifest();
            }
            if (manifest == null) {
                throw new IOException("the jar has no META-INF/MANIFEST.MF");
            }
        }
        Map<String, String> headers = new HashMap<>();
        manifest.getMainAttributes().forEach((key, value) -> headers.put(key.toString(), value.toString()));
        return headers;
    }

    /** The mandatory requirements of the manifest that nothing in the running platform provides. */
    private static String missingRequirements(ModuleRevisionBuilder builder, BundleContext context) {
        FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
        List<String> missing = new ArrayList<>();
        for (GenericInfo info : builder.getRequirements()) {
            if (Namespace.RESOLUTION_OPTIONAL.equals(info.getDirectives().get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE))) {
                continue;
            }
            Requirement requirement = new SimpleRequirement(info.getNamespace(), info.getDirectives(),
                    info.getAttributes());
            if (wiring.findProviders(requirement).isEmpty()) {
                missing.add(describe(info.getNamespace(), info.getDirectives().getOrDefault("filter", "")));
            }
        }
        return String.join(", ", missing);
    }

    private static final Pattern VERSION_AT_LEAST = Pattern.compile("\\((?:bundle-)?version>=([^)]+)\\)");
    private static final Pattern VERSION_BELOW = Pattern.compile("\\(!\\((?:bundle-)?version>=([^)]+)\\)\\)");

    /**
     * A requirement in words: {@code plugin org.x (version >= 1.0.0, < 2.0.0)}, {@code package org.x.y},
     * {@code Java JavaSE 25}; the raw namespace and filter for anything else.
     */
    static String describe(String namespace, String filter) {
        String kind = switch (namespace) {
            case "osgi.wiring.bundle" -> "plugin";
            case "osgi.wiring.package" -> "package";
            case "osgi.wiring.host" -> "host plugin";
            case "osgi.ee" -> "Java";
            default -> null;
        };
        Matcher name = Pattern.compile("\\(" + Pattern.quote(namespace) + "=([^)]+)\\)").matcher(filter);
        if (kind == null || !name.find()) {
            return namespace + " " + filter;
        }
        List<String> range = new ArrayList<>();
        Matcher below = VERSION_BELOW.matcher(filter);
        String upper = below.find() ? below.group(1) : null;
        Matcher atLeast = VERSION_AT_LEAST.matcher(filter.replaceAll("\\(!\\([^)]*\\)\\)", ""));
        if (atLeast.find()) {
            range.add(">= " + atLeast.group(1));
        }
        if (upper != null) {
            range.add("< " + upper);
        }
        Matcher exact = Pattern.compile("\\(version=([^)]+)\\)").matcher(filter);
        if (range.isEmpty() && exact.find()) {
            range.add(exact.group(1));
        }
        return kind + " " + name.group(1) + (range.isEmpty() ? "" : " (version " + String.join(", ", range) + ")");
    }

    private record SimpleRequirement(String getNamespace, Map<String, String> getDirectives,
            Map<String, Object> getAttributes) implements Requirement {
        @Override
        public Resource getResource() {
            return null;
        }
    }
}
