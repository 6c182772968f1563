package org.qbi.ui.workbench;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.ui.preferences.ScopedPreferenceStore;
import org.qbi.project.ImportMode;

/**
 * The workbench's preferences (Window &gt; Preferences &gt; QBI Workbench): keys, defaults and typed access.
 *
 * @since 0.1
 */
public final class QbiUiPreferences {

    /** Preference node: the workspace's instance scope of this bundle. */
    public static final String NODE = "org.qbi.ui.workbench";
    /** Whether the first start (and each start until answered) offers to open the example project. */
    public static final String OFFER_EXAMPLE = "offerExampleProject";
    /** Default mode of File &gt; Import &gt; Images into QBI Project: COPY or LINK. */
    public static final String IMPORT_MODE = "importMode";

    private static IPreferenceStore store;

    private QbiUiPreferences() {
    }

    /** The preference store (created on first use; UI thread or not). */
    public static synchronized IPreferenceStore store() {
        if (store == null) {
            store = new ScopedPreferenceStore(InstanceScope.INSTANCE, NODE);
            store.setDefault(OFFER_EXAMPLE, true);
            store.setDefault(IMPORT_MODE, ImportMode.COPY.name());
        }
        return store;
    }

    /** The import mode the import wizard starts with. */
    public static ImportMode importMode() {
        try {
            return ImportMode.valueOf(store().getString(IMPORT_MODE));
        } catch (IllegalArgumentException e) {
            return ImportMode.COPY;
        }
    }
}
