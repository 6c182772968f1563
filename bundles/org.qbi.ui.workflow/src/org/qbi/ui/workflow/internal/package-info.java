/** Implementation of the workflow UI: the run job and handler, the graph layout and canvas, the Pipeline view. */
package org.qbi.ui.workflow.internal;
