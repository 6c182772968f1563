package org.qbi.ui.viewer.internal;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.Status;
import org.qbi.ui.viewer.Lut;

/**
 * The lookup tables contributed through {@code org.qbi.luts}, in contribution order; a contribution that fails
 * to load is logged with its bundle's name and left out, the others keep working.
 */
public final class LutRegistry {

    /** The extension point id. */
    public static final String POINT = "org.qbi.luts";

    /** One contributed LUT. */
    public record Entry(String id, String name, boolean categorical, Lut lut, String contributor) {
    }

    private static volatile List<Entry> installed;

    private LutRegistry() {
    }

    /** The installed LUTs (read once). */
    public static List<Entry> installed() {
        List<Entry> entries = installed;
        if (entries == null) {
            entries = read();
            installed = entries;
        }
        return entries;
    }

    /** The installed LUT with this id, or null. */
    public static Entry find(String id) {
        return installed().stream().filter(e -> e.id().equals(id)).findFirst().orElse(null);
    }

    private static List<Entry> read() {
        List<Entry> entries = new ArrayList<>();
        if (Platform.getExtensionRegistry() == null) {
            return List.of();
        }
        for (IConfigurationElement element : Platform.getExtensionRegistry().getConfigurationElementsFor(POINT)) {
            if (!"lut".equals(element.getName())) {
                continue;
            }
            String contributor = element.getContributor().getName();
            try {
                Object created = element.createExecutableExtension("class");
                if (!(created instanceof Lut lut)) {
                    throw new CoreException(Status.error(created.getClass().getName() + " does not implement "
                            + Lut.class.getName()));
                }
                String id = element.getAttribute("id");
                String name = element.getAttribute("name");
                entries.add(new Entry(id, name == null ? id : name,
                        Boolean.parseBoolean(element.getAttribute("categorical")), lut, contributor));
            } catch (CoreException | RuntimeException | LinkageError e) {
                ILog.of(LutRegistry.class).log(new Status(IStatus.ERROR, LutRegistry.class, "The LUT '"
                        + element.getAttribute("id") + "' of " + contributor + " could not be loaded", e));
            }
        }
        return List.copyOf(entries);
    }
}
