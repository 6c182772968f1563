package org.qbi.ui.ops.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.qbi.ops.Param;

/**
 * The control of one declared parameter, chosen by its {@link Param.Type}: a text for numbers, lengths, lists and
 * text (with the range or the unit as a hint), a check box for a flag, a drop-down for a choice. It works in the
 * parameter's canonical text, and shows {@link Param#parse}'s message below the control while the text is not a
 * valid value. Fills three columns of a grid (label, control, hint) and, while there is one, a row for the message.
 */
final class ParameterField {

    private final Param<?> param;
    private final Control control;
    private final Label message;

    ParameterField(Composite grid, Param<?> param, Runnable changed) {
        this.param = param;
        Label label = new Label(grid, SWT.NONE);
        label.setText(param.label() + ":");
        label.setToolTipText(param.name());
        String tip = param.description() + (param.rangeText().isEmpty() ? "" : " (" + param.rangeText() + ")")
                + "\nName in pipelines and on the command line: " + param.name();
        control = switch (param.type()) {
            case FLAG -> {
                Button check = new Button(grid, SWT.CHECK);
                check.addListener(SWT.Selection, e -> changed.run());
                yield check;
            }
            case CHOICE -> {
                Combo combo = new Combo(grid, SWT.READ_ONLY | SWT.DROP_DOWN);
                combo.setItems(param.choices().toArray(String[]::new));
                combo.addListener(SWT.Selection, e -> changed.run());
                yield combo;
            }
            default -> {
                Text text = new Text(grid, SWT.BORDER | SWT.SINGLE);
                text.addModifyListener(e -> changed.run());
                yield text;
            }
        };
        control.setToolTipText(tip);
        GridData data = new GridData(SWT.FILL, SWT.CENTER, true, false);
        data.widthHint = 90;
        control.setLayoutData(data);
        Label hint = new Label(grid, SWT.NONE);
        hint.setText(hint(param));
        hint.setToolTipText(tip);
        hint.setForeground(grid.getDisplay().getSystemColor(SWT.COLOR_WIDGET_DARK_SHADOW));

        message = new Label(grid, SWT.WRAP);
        GridData messageData = new GridData(SWT.FILL, SWT.TOP, true, false, 3, 1);
        messageData.widthHint = 200;
        messageData.horizontalIndent = 16;
        messageData.exclude = true;
        message.setLayoutData(messageData);
        message.setForeground(grid.getDisplay().getSystemColor(SWT.COLOR_RED));
        message.setVisible(false);
        reset();
    }

    /** What the user reads beside the control: the range, the unit convention, the list syntax. */
    static String hint(Param<?> param) {
        return switch (param.type()) {
            case LENGTH -> "px, or nm/um/mm: 2 px, 0.5 mm";
            case REALS -> "comma-separated: 1,2,3";
            case REAL, INTEGER -> param.rangeText().isEmpty() ? (param.type() == Param.Type.INTEGER ? "whole number" : "")
                    : param.rangeText();
            case TEXT -> param.isRequired() ? "required" : "";
            case FLAG, CHOICE -> "";
        };
    }

    Param<?> param() {
        return param;
    }

    Control control() {
        return control;
    }

    /** The canonical text of the value shown (what {@link Param#parse} reads). */
    String text() {
        return switch (control) {
            case Button check -> String.valueOf(check.getSelection());
            case Combo combo -> combo.getText();
            case Text text -> text.getText();
            default -> throw new IllegalStateException(control.toString());
        };
    }

    /** Shows {@code value} (a canonical text). */
    void setText(String value) {
        switch (control) {
            case Button check -> check.setSelection(Boolean.parseBoolean(value));
            case Combo combo -> combo.select(param.choices().indexOf(value));
            case Text text -> text.setText(value);
            default -> throw new IllegalStateException(control.toString());
        }
    }

    /** Shows the declared default (empty when the parameter must be given). */
    void reset() {
        setText(param.isRequired() ? "" : defaultText(param));
    }

    private static <T> String defaultText(Param<T> param) {
        return param.format(param.defaultValue());
    }

    /**
     * Checks the text shown with {@link Param#parse}; shows and returns its message, or null when valid. When the
     * message appears or goes, the form must be laid out again (it takes a row).
     */
    String validate() {
        String problem;
        try {
            param.parse(text());
            problem = null;
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        }
        message.setText(problem == null ? "" : problem);
        message.setVisible(problem != null);
        ((GridData) message.getLayoutData()).exclude = problem == null;
        return problem;
    }

    /** The message shown now, or null. */
    String message() {
        return message.getVisible() ? message.getText() : null;
    }
}
