package org.qbi.ui.workbench;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.ui.preferences.ScopedPreferenceStore;
import org.qbi.core.image.ChunkCache;
import org.qbi.core.platform.PlatformInfo;
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
    /** Budget of the decoded-chunk cache in MB; defaults to the off-heap budget the start script set. */
    public static final String CACHE_BUDGET_MB = "chunkCacheBudgetMB";

    private static IPreferenceStore store;

    private QbiUiPreferences() {
    }

    /** The preference store (created on first use; UI thread or not). */
    public static synchronized IPreferenceStore store() {
        if (store == null) {
            store = new ScopedPreferenceStore(InstanceScope.INSTANCE, NODE);
            store.setDefault(OFFER_EXAMPLE, true);
            store.setDefault(IMPORT_MODE, ImportMode.COPY.name());
            store.setDefault(CACHE_BUDGET_MB, (int) Math.min(Integer.MAX_VALUE, PlatformInfo.offHeapBudgetBytes() >> 20));
        }
        return store;
    }

    /** Applies the cache budget preference to the shared chunk cache (at start-up and when it changes). */
    public static void applyCacheBudget() {
        int megabytes = store().getInt(CACHE_BUDGET_MB);
        if (megabytes > 0) {
            ChunkCache.shared().setBudgetBytes((long) megabytes << 20);
        }
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
