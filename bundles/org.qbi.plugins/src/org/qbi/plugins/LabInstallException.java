package org.qbi.plugins;

/**
 * An install, uninstall or repository read that cannot be done, with a message naming the repository or feature
 * and what is wrong (not a p2 repository, feature not found, conflicting versions, no p2 profile) and how to fix it.
 *
 * @since 0.1
 */
public final class LabInstallException extends Exception {

    private static final long serialVersionUID = 1L;

    public LabInstallException(String message) {
        super(message);
    }

    public LabInstallException(String message, Throwable cause) {
        super(message, cause);
    }
}
