package org.qbi.ui.viewer.internal;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.Status;
import org.qbi.ui.viewer.ImageRenderer;

/**
 * The renderers contributed through {@code org.qbi.viewers}: read once (names only), each instantiated per editor
 * when first shown. A contribution that fails to load is logged with its bundle's name; the others keep working.
 */
final class RendererRegistry {

    /** The extension point id. */
    static final String POINT = "org.qbi.viewers";

    /** The built-in slice viewer, shown first. */
    static final String SLICES = "org.qbi.ui.viewer.renderers.slices";

    /** One contributed renderer. */
    record Entry(String id, String name, IConfigurationElement element) {

        /** A new instance, or null (logged) when it cannot be created. */
        ImageRenderer create() {
            String contributor = element.getContributor().getName();
            try {
                Object created = element.createExecutableExtension("class");
                if (created instanceof ImageRenderer renderer) {
                    return renderer;
                }
                throw new CoreException(Status.error(created.getClass().getName() + " does not implement "
                        + ImageRenderer.class.getName()));
            } catch (CoreException | RuntimeException | LinkageError e) {
                ILog.of(RendererRegistry.class).log(new Status(IStatus.ERROR, RendererRegistry.class,
                        "The image viewer '" + id + "' of " + contributor + " could not be created", e));
                return null;
            }
        }
    }

    private static volatile List<Entry> installed;

    private RendererRegistry() {
    }

    /** The installed renderers, the built-in slice viewer first. */
    static List<Entry> installed() {
        List<Entry> entries = installed;
        if (entries == null) {
            entries = read();
            installed = entries;
        }
        return entries;
    }

    private static List<Entry> read() {
        List<Entry> entries = new ArrayList<>();
        if (Platform.getExtensionRegistry() == null) {
            return List.of();
        }
        for (IConfigurationElement element : Platform.getExtensionRegistry().getConfigurationElementsFor(POINT)) {
            if (!"viewer".equals(element.getName()) || element.getAttribute("id") == null) {
                continue;
            }
            String id = element.getAttribute("id");
            String name = element.getAttribute("name");
            Entry entry = new Entry(id, name == null ? id : name, element);
            if (SLICES.equals(id)) {
                entries.add(0, entry);
            } else {
                entries.add(entry);
            }
        }
        return List.copyOf(entries);
    }
}
