package org.qbi.ui.viewer.internal;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.ObjLongConsumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Scale;
import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.ImageHeader;
import org.qbi.ui.viewer.internal.render.ImageTexts;
import org.qbi.ui.viewer.internal.render.SlicePlane;

/**
 * The sliders below the slice viewer: one for the axis across the plane shown (in plane mode), one for channels
 * (not in composites) and one for time points, each with its position in physical units; hidden when there is
 * none. UI thread only.
 */
final class SliderRow {

    private final Composite row;
    private final ObjLongConsumer<Axis> moved;
    private final Map<Axis, Scale> scales = new EnumMap<>(Axis.class);
    private final Map<Axis, Label> labels = new EnumMap<>(Axis.class);
    private ImageHeader header;
    private SlicePlane plane = SlicePlane.AXIAL;

    /** @param moved told the axis and the new index when the user moves a slider */
    SliderRow(Composite parent, ObjLongConsumer<Axis> moved) {
        this.moved = moved;
        row = new Composite(parent, SWT.NONE);
        row.setLayout(new GridLayout(3, false));
        GridData data = new GridData(SWT.FILL, SWT.CENTER, true, false);
        data.exclude = true;
        row.setLayoutData(data);
        row.setVisible(false);
    }

    /** The sliders of {@code plane}: across it (plane mode only), channels (not composites) and time points. */
    void build(ImageHeader newHeader, SlicePlane newPlane, boolean planeMode, boolean composite, long[] position) {
        header = newHeader;
        plane = newPlane;
        for (Control child : row.getChildren()) {
            child.dispose();
        }
        scales.clear();
        labels.clear();
        for (Axis axis : axes()) {
            AxisCalibration calibration = header.axis(axis);
            if (calibration.size() < 2 || (axis == plane.normal() && !planeMode) || (axis == Axis.C && composite)) {
                continue; // projections and montages show every plane along the normal, composites every channel
            }
            new Label(row, SWT.NONE).setText(axis.label());
            Scale scale = new Scale(row, SWT.HORIZONTAL);
            scale.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            int max = (int) Math.min(Integer.MAX_VALUE, calibration.size() - 1);
            scale.setMinimum(0);
            scale.setMaximum(max);
            scale.setIncrement(1);
            scale.setPageIncrement(Math.max(1, max / 10));
            int start = axis == plane.normal() || axis.ordinal() >= 3 ? (int) Math.min(max, position[axis.ordinal()])
                    : 0;
            scale.setSelection(start);
            scale.setToolTipText(switch (axis) {
                case X, Y, Z -> plane.label() + " plane (" + axis.label() + ")";
                case C -> "Channel (c)";
                default -> "Time point (t)";
            });
            Label value = new Label(row, SWT.NONE);
            GridData valueData = new GridData(SWT.LEFT, SWT.CENTER, false, false);
            value.setText(ImageTexts.sliderLabel(calibration, calibration.size() - 1) + "  ");
            valueData.widthHint = value.computeSize(SWT.DEFAULT, SWT.DEFAULT).x;
            value.setLayoutData(valueData);
            value.setText(ImageTexts.sliderLabel(calibration, start));
            scale.addListener(SWT.Selection, e -> {
                value.setText(ImageTexts.sliderLabel(calibration, scale.getSelection()));
                moved.accept(axis, scale.getSelection());
            });
            scales.put(axis, scale);
            labels.put(axis, value);
        }
        GridData data = (GridData) row.getLayoutData();
        data.exclude = scales.isEmpty();
        row.setVisible(!scales.isEmpty());
    }

    /** The slider axes: across the plane shown, then channel and time. */
    private Axis[] axes() {
        return new Axis[] { plane.normal(), Axis.C, Axis.T };
    }

    /** The index across the plane, the channel and the time point the sliders select (0 where there is none). */
    long[] selection() {
        Axis[] axes = axes();
        long[] at = new long[3];
        for (int i = 0; i < axes.length; i++) {
            Scale scale = scales.get(axes[i]);
            at[i] = scale == null ? 0 : scale.getSelection();
        }
        return at;
    }

    /** Moves the first slider (the plane's normal, else c, else t) by {@code delta}, as the user would. */
    void step(int delta) {
        for (Axis axis : axes()) {
            Scale scale = scales.get(axis);
            if (scale != null) {
                int next = Math.max(scale.getMinimum(), Math.min(scale.getMaximum(), scale.getSelection() + delta));
                if (next != scale.getSelection()) {
                    scale.setSelection(next);
                    scale.notifyListeners(SWT.Selection, new Event());
                }
                return;
            }
        }
    }

    /** Sets the slider of {@code axis} (if shown) to {@code index} without telling anyone. */
    void show(Axis axis, long index) {
        Scale scale = scales.get(axis);
        if (scale != null) {
            scale.setSelection((int) index);
            labels.get(axis).setText(ImageTexts.sliderLabel(header.axis(axis), scale.getSelection()));
        }
    }

    /** The slider of {@code axis}, or null. */
    Scale scale(Axis axis) {
        return scales.get(axis);
    }
}
