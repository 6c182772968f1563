/** The workflow UI: pipelines run as Eclipse jobs from the Project Explorer, and the Pipeline view. */
package org.qbi.ui.workflow;
