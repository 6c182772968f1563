package org.qbi.ui.viewer.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.qbi.core.image.Axis;
import org.qbi.core.image.ImageHeader;
import org.qbi.ui.viewer.internal.render.CtPresets;
import org.qbi.ui.viewer.internal.render.FileWindow;
import org.qbi.ui.viewer.internal.render.ImageTexts;
import org.qbi.ui.viewer.internal.render.Projection;
import org.qbi.ui.viewer.internal.render.SlicePlane;
import org.qbi.ui.viewer.internal.render.SliceRenderer.Contrast;
import org.qbi.ui.viewer.internal.render.ViewRequest;

/**
 * The Image editor's context menu: zoom, interpolation and scale bar; plane, projection, montage, orthogonal views
 * and composite; contrast, CT presets, LUT and log scale; overlay; ROI; export. Items change the editor through
 * its methods, and every time the menu opens it shows the editor's state (which tests, the Display view and
 * remembered settings also change).
 */
final class EditorMenu {

    private final ImageEditor editor;
    private final Map<CtPresets.Preset, MenuItem> presetItems = new LinkedHashMap<>();
    private final Map<String, MenuItem> lutItems = new LinkedHashMap<>();
    private MenuItem logItem;
    private MenuItem fileWindowItem;
    private MenuItem autoItem;
    private MenuItem minMaxItem;

    EditorMenu(ImageEditor editor) {
        this.editor = editor;
    }

    /** The menu, on {@code control}. */
    Menu create(Control control) {
        Menu menu = new Menu(control);
        menu.addListener(SWT.Show, e -> {
            FileWindow.Recommended fileWindow = editor.display().fileWindow();
            ImageHeader header = editor.header();
            Contrast contrast = editor.display().contrast();
            CtPresets.Preset preset = editor.display().preset();
            LutRegistry.Entry lut = editor.lut();
            fileWindowItem.setEnabled(fileWindow != null);
            fileWindowItem.setText(fileWindow == null ? "Window from the File (none given)"
                    : "Window from the File (center " + ImageTexts.number(fileWindow.center()) + ", width "
                            + ImageTexts.number(fileWindow.width())
                            + (header.rescale().unit().isEmpty() ? "" : " " + header.rescale().unit()) + ")");
            boolean hu = header != null && CtPresets.applies(header.rescale());
            presetItems.values().forEach(item -> item.setEnabled(hu));
            // the state may have been set without the menu (tests, a later editor link): show it
            autoItem.setSelection(contrast == Contrast.AUTO);
            minMaxItem.setSelection(contrast == Contrast.MIN_MAX);
            fileWindowItem.setSelection(contrast == Contrast.FIXED && preset == null);
            presetItems.forEach((p, item) -> item.setSelection(contrast == Contrast.FIXED && preset == p));
            lutItems.forEach((id, item) -> item.setSelection(lut != null && id.equals(lut.id())));
            logItem.setSelection(editor.display().logScale());
        });
        MenuItem fit = new MenuItem(menu, SWT.PUSH);
        fit.setText("Zoom to Fit\tdouble-click");
        fit.addListener(SWT.Selection, e -> editor.canvas().fit());
        MenuItem oneToOne = new MenuItem(menu, SWT.PUSH);
        oneToOne.setText("Zoom 1:1\t1");
        oneToOne.addListener(SWT.Selection, e -> editor.canvas().oneToOne());
        MenuItem smooth = new MenuItem(menu, SWT.CHECK);
        smooth.setText("Smooth Interpolation");
        smooth.addListener(SWT.Selection, e -> editor.canvas().setSmooth(smooth.getSelection()));
        MenuItem scaleBar = new MenuItem(menu, SWT.CHECK);
        scaleBar.setText("Scale Bar");
        scaleBar.setSelection(true);
        scaleBar.addListener(SWT.Selection, e -> {
            editor.annotations().setScaleBar(scaleBar.getSelection());
            editor.canvas().redraw();
        });
        new MenuItem(menu, SWT.SEPARATOR);
        viewMenu(menu);
        new MenuItem(menu, SWT.SEPARATOR);
        MenuItem auto = new MenuItem(menu, SWT.RADIO);
        autoItem = auto;
        auto.setText("Auto Contrast (0.35 % saturated)");
        auto.setSelection(true);
        auto.addListener(SWT.Selection, e -> {
            if (auto.getSelection()) {
                editor.display().setContrast(Contrast.AUTO);
            }
        });
        MenuItem minMax = new MenuItem(menu, SWT.RADIO);
        minMaxItem = minMax;
        minMax.setText("Min-Max Contrast");
        minMax.addListener(SWT.Selection, e -> {
            if (minMax.getSelection()) {
                editor.display().setContrast(Contrast.MIN_MAX);
            }
        });
        fileWindowItem = new MenuItem(menu, SWT.RADIO);
        fileWindowItem.setText("Window from the File");
        fileWindowItem.setEnabled(false);
        fileWindowItem.addListener(SWT.Selection, e -> {
            if (fileWindowItem.getSelection()) {
                editor.display().setContrast(Contrast.FIXED);
            }
        });
        for (CtPresets.Preset p : CtPresets.ALL) {
            MenuItem item = new MenuItem(menu, SWT.RADIO);
            item.setText("CT " + p.label());
            item.setEnabled(false);
            item.addListener(SWT.Selection, e -> {
                if (item.getSelection()) {
                    editor.display().setPreset(p);
                }
            });
            presetItems.put(p, item);
        }
        new MenuItem(menu, SWT.SEPARATOR);
        MenuItem lutCascade = new MenuItem(menu, SWT.CASCADE);
        lutCascade.setText("LUT");
        Menu lutMenu = new Menu(lutCascade);
        lutCascade.setMenu(lutMenu);
        for (LutRegistry.Entry entry : LutRegistry.installed()) {
            MenuItem item = new MenuItem(lutMenu, SWT.RADIO);
            item.setText(entry.name());
            item.addListener(SWT.Selection, e -> {
                if (item.getSelection()) {
                    editor.setLut(entry.id());
                }
            });
            lutItems.put(entry.id(), item);
        }
        logItem = new MenuItem(menu, SWT.CHECK);
        logItem.setText("Log Scale");
        logItem.addListener(SWT.Selection, e -> editor.display().setLogScale(logItem.getSelection()));
        new MenuItem(menu, SWT.SEPARATOR);
        overlayMenu(menu);
        editor.rois().menu(menu);
        new MenuItem(menu, SWT.SEPARATOR);
        ViewExport.menu(menu, editor);
        return menu;
    }

    /** Planes, projections, montage, orthogonal views and the channel composite. */
    private void viewMenu(Menu menu) {
        for (SlicePlane p : SlicePlane.values()) {
            MenuItem item = new MenuItem(menu, SWT.RADIO);
            item.setText(p.label());
            item.addListener(SWT.Selection, e -> {
                if (item.getSelection()) {
                    editor.view().setPlane(p);
                }
            });
            menu.addListener(SWT.Show, e -> item.setSelection(editor.view().mode() == ViewRequest.Mode.PLANE
                    && editor.view().plane() == p));
        }
        MenuItem cascade = new MenuItem(menu, SWT.CASCADE);
        cascade.setText("Projection");
        Menu projections = new Menu(cascade);
        cascade.setMenu(projections);
        for (Axis axis : new Axis[] { Axis.Z, Axis.Y, Axis.X }) {
            for (Projection.Kind kind : Projection.Kind.values()) {
                MenuItem item = new MenuItem(projections, SWT.RADIO);
                item.setText(kind.label() + " along " + axis.label());
                item.addListener(SWT.Selection, e -> {
                    if (item.getSelection()) {
                        editor.view().setProjection(kind, axis);
                    }
                });
                menu.addListener(SWT.Show, e -> {
                    item.setSelection(editor.view().mode() == ViewRequest.Mode.PROJECTION && editor.view().projection() == kind
                            && editor.view().plane().normal() == axis);
                    item.setEnabled(editor.header() != null && editor.header().size(axis) > 1);
                });
            }
        }
        MenuItem montage = new MenuItem(menu, SWT.RADIO);
        montage.setText("Montage of Slices");
        montage.addListener(SWT.Selection, e -> {
            if (montage.getSelection()) {
                editor.view().setMontage();
            }
        });
        MenuItem ortho = new MenuItem(menu, SWT.PUSH);
        ortho.setText("Orthogonal Views");
        ortho.addListener(SWT.Selection, e -> editor.showRenderer(OrthogonalViews.ID));
        MenuItem compositeItem = new MenuItem(menu, SWT.CHECK);
        compositeItem.setText("Composite (All Channels)");
        compositeItem.addListener(SWT.Selection, e -> editor.view().setComposite(compositeItem.getSelection()));
        menu.addListener(SWT.Show, e -> {
            ImageHeader header = editor.header();
            montage.setSelection(editor.view().mode() == ViewRequest.Mode.MONTAGE);
            montage.setEnabled(header != null && header.size(Axis.Z) > 1);
            ortho.setEnabled(header != null && header.size(Axis.Z) > 1);
            compositeItem.setEnabled(header != null && header.size(Axis.C) > 1);
            compositeItem.setSelection(editor.view().composite());
        });
    }

    /** Open a mask or label image over the image, its style, remove it. */
    private void overlayMenu(Menu menu) {
        MenuItem cascade = new MenuItem(menu, SWT.CASCADE);
        cascade.setText("Overlay");
        Menu sub = new Menu(cascade);
        cascade.setMenu(sub);
        MenuItem openItem = new MenuItem(sub, SWT.PUSH);
        openItem.setText("Open Mask or Labels...");
        openItem.addListener(SWT.Selection, e -> {
            FileDialog dialog = new FileDialog(
                    editor.canvas().control().getShell(), SWT.OPEN);
            dialog.setText("Overlay: a mask or label image of the same size");
            Path parent = editor.path().getParent();
            dialog.setFilterPath(parent == null ? null : parent.toString());
            String chosen = dialog.open();
            if (chosen != null) {
                editor.showOverlay(Path.of(chosen));
            }
        });
        MenuItem outlines = new MenuItem(sub, SWT.CHECK);
        outlines.setText("Outlines Only");
        outlines.addListener(SWT.Selection, e -> editor.overlay().setStyle(editor.overlay().opacity(),
                outlines.getSelection()));
        new MenuItem(sub, SWT.SEPARATOR);
        for (int percent : new int[] { 25, 50, 75, 100 }) {
            MenuItem item = new MenuItem(sub, SWT.RADIO);
            item.setText("Opacity " + percent + " %");
            item.addListener(SWT.Selection, e -> {
                if (item.getSelection()) {
                    editor.overlay().setStyle(percent / 100.0, editor.overlay().outlines());
                }
            });
            sub.addListener(SWT.Show, e -> item.setSelection(Math.round(editor.overlay().opacity() * 100) == percent));
        }
        new MenuItem(sub, SWT.SEPARATOR);
        MenuItem remove = new MenuItem(sub, SWT.PUSH);
        remove.setText("Remove Overlay");
        remove.addListener(SWT.Selection, e -> editor.overlay().remove());
        sub.addListener(SWT.Show, e -> {
            outlines.setSelection(editor.overlay().outlines());
            remove.setEnabled(editor.overlay().image() != null);
            openItem.setEnabled(editor.image() != null);
        });
    }
}
