package org.qbi.ui.ops;

/**
 * Ids of the operator views, as declared in plugin.xml: the palette of installed operators, the form that runs
 * the one selected there, and the view that shows table outputs.
 *
 * @since 0.1
 */
public final class OperatorViews {

    /** The Operators view: every installed operator by category, with a filter, and plugins that failed to load. */
    public static final String PALETTE_VIEW_ID = "org.qbi.ui.views.operators";
    /** The Operator view: the parameter form of the operator selected in the palette, its preview and Run. */
    public static final String FORM_VIEW_ID = "org.qbi.ui.views.operatorForm";
    /** The Result Table view: the table outputs of the last run. */
    public static final String TABLE_VIEW_ID = "org.qbi.ui.views.resultTable";

    private OperatorViews() {
    }
}
