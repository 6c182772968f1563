package org.qbi.project;

/**
 * How acquired data enters a project's {@code raw/} folder.
 *
 * @since 0.1
 */
public enum ImportMode {
    /** Copy the files (made read-only afterwards); the project is then self-contained. */
    COPY,
    /**
     * Make symbolic links to the files where they are (instrument storage, a shared drive); nothing is
     * copied, and the data must stay reachable at that path.
     */
    LINK
}
