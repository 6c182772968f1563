package org.qbi.ui.workbench;

/**
 * Ids of the three perspectives, as declared in plugin.xml, and of the folders in them where other bundles
 * add their views (through org.eclipse.ui.perspectiveExtensions).
 *
 * @since 0.1
 */
public final class QbiPerspectives {

    /** Browse projects and look at images. */
    public static final String EXPLORE = "org.qbi.ui.perspectives.explore";
    /** Build and run analyses. */
    public static final String PROCESS = "org.qbi.ui.perspectives.process";
    /** Compare samples and groups. */
    public static final String STATISTICS = "org.qbi.ui.perspectives.statistics";

    /** Folder left of the editor area holding the Project Explorer. */
    public static final String FOLDER_LEFT = "org.qbi.ui.folders.left";
    /** Folder below the editor area. */
    public static final String FOLDER_BOTTOM = "org.qbi.ui.folders.bottom";
    /** Folder right of the editor area. */
    public static final String FOLDER_RIGHT = "org.qbi.ui.folders.right";
    /**
     * The Statistics perspective's main folder, in place of the editor area (hidden there): the statistics
     * views stack into it.
     */
    public static final String FOLDER_STATISTICS = "org.qbi.ui.folders.statistics";
    /** The Statistics perspective's folder below the Project Explorer (Properties). */
    public static final String FOLDER_LEFT_BOTTOM = "org.qbi.ui.folders.leftBottom";

    private QbiPerspectives() {
    }
}
