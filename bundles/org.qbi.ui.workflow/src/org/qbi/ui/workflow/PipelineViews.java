package org.qbi.ui.workflow;

/**
 * Ids of the workflow UI's parts, for perspectives and other plugins.
 *
 * @since 0.1
 */
public final class PipelineViews {

    /** The Pipeline view: the selected pipeline file as a graph, its parameters, Run and the last run's report. */
    public static final String PIPELINE_VIEW_ID = "org.qbi.ui.views.pipeline";

    /** Command running the selected pipeline file as a job. */
    public static final String RUN_COMMAND_ID = "org.qbi.ui.commands.runPipeline";

    private PipelineViews() {
    }
}
