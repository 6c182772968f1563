package org.qbi.ui.viewer.internal;

import java.nio.file.Path;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.osgi.service.prefs.BackingStoreException;

/**
 * What the viewer remembers per image across sessions: the LUT chosen for it (keyed by the image's absolute
 * path, in the workspace's instance preferences of this bundle).
 */
final class ViewerMemory {

    private static final String NODE = "org.qbi.ui.viewer";
    private static final String LUTS = "luts";

    private ViewerMemory() {
    }

    /** The LUT id remembered for {@code image}, or null. */
    static String lut(Path image) {
        return node().get(key(image), null);
    }

    /** Remembers the LUT chosen for {@code image} (the default gray is forgotten rather than stored). */
    static void rememberLut(Path image, String lutId) {
        IEclipsePreferences node = node();
        if (ImageEditor.DEFAULT_LUT.equals(lutId)) {
            node.remove(key(image));
        } else {
            node.put(key(image), lutId);
        }
        // writing the preferences file is I/O: not on the UI thread
        Job save = Job.create("Saving the LUT chosen for " + image.getFileName(), monitor -> {
            try {
                node.flush();
            } catch (BackingStoreException e) {
                ILog.of(ViewerMemory.class).warn("Cannot save the LUT chosen for " + image + ": " + e.getMessage());
            }
        });
        save.setSystem(true);
        save.schedule();
    }

    /** Forgets every image's LUT (tests start from gray). */
    static void forgetAll() {
        try {
            node().clear();
            node().flush();
        } catch (BackingStoreException e) {
            ILog.of(ViewerMemory.class).warn("Cannot clear the remembered LUTs: " + e.getMessage());
        }
    }

    private static IEclipsePreferences node() {
        return (IEclipsePreferences) InstanceScope.INSTANCE.getNode(NODE).node(LUTS);
    }

    /** Preference keys are single path segments: the path with its separators replaced. */
    static String key(Path image) {
        return image.toAbsolutePath().normalize().toString().replace('/', '|');
    }
}
