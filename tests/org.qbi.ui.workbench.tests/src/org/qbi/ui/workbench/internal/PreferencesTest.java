package org.qbi.ui.workbench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qbi.core.image.ChunkCache;
import org.qbi.ui.workbench.QbiUiPreferences;

/** The memory preference reaches the shared chunk cache. */
class PreferencesTest {

    @AfterEach
    void restoreDefault() {
        QbiUiPreferences.store().setToDefault(QbiUiPreferences.CACHE_BUDGET_MB);
        QbiUiPreferences.applyCacheBudget();
    }

    @Test
    void theCacheBudgetPreferenceSetsTheSharedCache() {
        QbiUiPreferences.store().setValue(QbiUiPreferences.CACHE_BUDGET_MB, 300);
        QbiUiPreferences.applyCacheBudget();
        assertEquals(300L << 20, ChunkCache.shared().budgetBytes());
    }
}
