package org.qbi.ui.workbench.internal;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.qbi.ui.workbench.QbiPerspectives;

/**
 * The frame the three perspectives share: the Project Explorer on the left, a folder below and one to the
 * right of the editor area. Each perspective then adds what its task needs; other bundles add their views
 * into these folders through org.eclipse.ui.perspectiveExtensions.
 */
final class PerspectiveLayouts {

    /** The view id of the workbench's Progress view. */
    static final String PROGRESS_VIEW = "org.eclipse.ui.views.ProgressView";

    private PerspectiveLayouts() {
    }

    record Folders(IFolderLayout left, IFolderLayout bottom, IFolderLayout right) {
    }

    static Folders frame(IPageLayout layout) {
        String editors = layout.getEditorArea();
        IFolderLayout left = layout.createFolder(QbiPerspectives.FOLDER_LEFT, IPageLayout.LEFT, 0.22f, editors);
        left.addView(IPageLayout.ID_PROJECT_EXPLORER);
        IFolderLayout bottom = layout.createFolder(QbiPerspectives.FOLDER_BOTTOM, IPageLayout.BOTTOM, 0.72f, editors);
        IFolderLayout right = layout.createFolder(QbiPerspectives.FOLDER_RIGHT, IPageLayout.RIGHT, 0.75f, editors);
        for (String id : new String[] { QbiPerspectives.EXPLORE, QbiPerspectives.PROCESS, QbiPerspectives.STATISTICS }) {
            layout.addPerspectiveShortcut(id);
        }
        layout.addShowViewShortcut(IPageLayout.ID_PROJECT_EXPLORER);
        layout.addShowViewShortcut(IPageLayout.ID_PROP_SHEET);
        layout.addShowViewShortcut(PROGRESS_VIEW);
        layout.addShowViewShortcut("org.qbi.ui.views.userGuide");
        layout.addNewWizardShortcut("org.qbi.ui.wizards.newProject");
        return new Folders(left, bottom, right);
    }
}
