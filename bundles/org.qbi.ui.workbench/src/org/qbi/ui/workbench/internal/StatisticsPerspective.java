package org.qbi.ui.workbench.internal;

import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

/** Statistics: samples by group, their measurements, and comparisons between groups. */
public final class StatisticsPerspective implements IPerspectiveFactory {

    @Override
    public void createInitialLayout(IPageLayout layout) {
        PerspectiveLayouts.Folders folders = PerspectiveLayouts.frame(layout);
        folders.bottom().addView(IPageLayout.ID_PROP_SHEET);
        folders.bottom().addPlaceholder(PerspectiveLayouts.PROGRESS_VIEW);
        folders.right().addPlaceholder("org.qbi.ui.views.*");
    }
}
