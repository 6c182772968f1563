package org.qbi.ui.workbench.internal;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;
import org.qbi.ui.workbench.QbiPerspectives;

/**
 * Statistics: samples by group, their measurements, and comparisons between groups. Charts and tables need the
 * room, and no editor is opened here: the editor area is hidden and a folder in its place takes the statistics
 * views (they stack into {@link QbiPerspectives#FOLDER_STATISTICS} through perspectiveExtensions); the Properties
 * view goes below the Project Explorer instead of under the charts.
 */
public final class StatisticsPerspective implements IPerspectiveFactory {

    @Override
    public void createInitialLayout(IPageLayout layout) {
        PerspectiveLayouts.Folders folders = PerspectiveLayouts.frame(layout);
        layout.setEditorAreaVisible(false);
        IFolderLayout statistics = layout.createFolder(QbiPerspectives.FOLDER_STATISTICS, IPageLayout.TOP, 0.95f,
                layout.getEditorArea());
        statistics.addPlaceholder("org.qbi.ui.views.statistics*");
        IFolderLayout leftBottom = layout.createFolder(QbiPerspectives.FOLDER_LEFT_BOTTOM, IPageLayout.BOTTOM, 0.62f,
                QbiPerspectives.FOLDER_LEFT);
        leftBottom.addView(IPageLayout.ID_PROP_SHEET);
        folders.bottom().addPlaceholder(PerspectiveLayouts.PROGRESS_VIEW);
        folders.right().addPlaceholder("org.qbi.ui.views.*");
    }
}
