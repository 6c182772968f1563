/**
 * Help &gt; Install Lab Extensions...: installs lab features from a p2 repository (folder, zip or URL) as an Eclipse
 * Job, lists and uninstalls the installed ones, and shows plugins that failed to load with the reason. The work is
 * done by org.qbi.plugins.
 */
package org.qbi.ui.plugins.internal;
