package org.qbi.ui.workbench.internal;

import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

/** Explore: browse projects and samples, open and look at images. */
public final class ExplorePerspective implements IPerspectiveFactory {

    @Override
    public void createInitialLayout(IPageLayout layout) {
        PerspectiveLayouts.Folders folders = PerspectiveLayouts.frame(layout);
        folders.bottom().addView(IPageLayout.ID_PROP_SHEET);
        folders.bottom().addPlaceholder(PerspectiveLayouts.PROGRESS_VIEW);
        folders.right().addPlaceholder("org.qbi.ui.views.*");
    }
}
