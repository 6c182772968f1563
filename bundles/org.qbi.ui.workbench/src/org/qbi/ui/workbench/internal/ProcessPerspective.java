package org.qbi.ui.workbench.internal;

import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

/** Process: run operators and pipelines on a project's images, with their progress in view. */
public final class ProcessPerspective implements IPerspectiveFactory {

    @Override
    public void createInitialLayout(IPageLayout layout) {
        PerspectiveLayouts.Folders folders = PerspectiveLayouts.frame(layout);
        folders.bottom().addView(PerspectiveLayouts.PROGRESS_VIEW);
        folders.bottom().addView(IPageLayout.ID_PROP_SHEET);
        folders.right().addPlaceholder("org.qbi.ui.views.*");
    }
}
