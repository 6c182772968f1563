package org.qbi.ui.workflow.internal;

import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;

/**
 * Draws a {@link PipelineGraph} with SWT GC: inputs as grey boxes, steps as boxes with their id and operator, each
 * edge an arrow labelled with the input port it feeds. A click on a box selects it.
 */
final class GraphCanvas extends Canvas {

    static final int WIDTH = 132;
    static final int HEIGHT = 44;
    private static final int GAP_X = 48;
    private static final int GAP_Y = 22;
    private static final int MARGIN = 14;
    /** Vertical distance between the lanes of edges that skip layers. */
    private static final int LANE = 22;

    private final Consumer<String> onSelect;
    private PipelineGraph graph;
    private String selected;

    GraphCanvas(Composite parent, Consumer<String> onSelect) {
        super(parent, SWT.DOUBLE_BUFFERED);
        this.onSelect = onSelect;
        setBackground(getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        addPaintListener(e -> paint(e.gc));
        addListener(SWT.MouseDown, e -> {
            String hit = nodeAt(e.x, e.y);
            if (hit != null) {
                onSelect.accept(hit);
            }
        });
    }

    void setGraph(PipelineGraph value) {
        graph = value;
        selected = null;
        redraw();
    }

    /** The selected node's id, or null. */
    String selected() {
        return selected;
    }

    void setSelected(String nodeId) {
        selected = nodeId;
        redraw();
    }

    /** The box of a node, in canvas coordinates. */
    static Rectangle bounds(PipelineGraph.Node node) {
        return new Rectangle(MARGIN + node.layer() * (WIDTH + GAP_X), MARGIN + node.row() * (HEIGHT + GAP_Y),
                WIDTH, HEIGHT);
    }

    String nodeAt(int x, int y) {
        if (graph == null) {
            return null;
        }
        return graph.nodes().stream().filter(n -> bounds(n).contains(x, y)).map(PipelineGraph.Node::id).findFirst()
                .orElse(null);
    }

    @Override
    public Point computeSize(int wHint, int hHint, boolean changed) {
        int width = 200;
        int height = 80;
        if (graph != null) {
            for (PipelineGraph.Node node : graph.nodes()) {
                Rectangle box = bounds(node);
                width = Math.max(width, box.x + box.width + MARGIN);
                height = Math.max(height, box.y + box.height + MARGIN);
            }
            height += (int) longEdges() * LANE;
        }
        return new Point(wHint == SWT.DEFAULT ? width : wHint, hHint == SWT.DEFAULT ? height : hHint);
    }

    private void paint(GC gc) {
        if (graph == null) {
            return;
        }
        Display display = getDisplay();
        gc.setAntialias(SWT.ON);
        gc.setTextAntialias(SWT.ON);
        Color edgeColor = display.getSystemColor(SWT.COLOR_DARK_GRAY);
        gc.setForeground(edgeColor);
        gc.setLineWidth(1);
        int lane = 0;
        for (PipelineGraph.Edge edge : graph.edges()) {
            PipelineGraph.Node source = graph.node(edge.from());
            PipelineGraph.Node target = graph.node(edge.to());
            Rectangle from = bounds(source);
            Rectangle to = bounds(target);
            if (target.layer() - source.layer() > 1) {
                // past the boxes in between: down, along a lane below them, up into the target's bottom
                int y = laneBelow(source.layer(), target.layer()) + LANE * ++lane;
                int x1 = from.x + from.width / 2;
                int x2 = to.x + to.width / 3;
                gc.drawPolyline(new int[] { x1, from.y + from.height, x1, y, x2, y, x2, to.y + to.height });
                drawArrowHead(gc, x2, y, x2, to.y + to.height);
                gc.drawText(edge.port(), (x1 + x2) / 2 - gc.textExtent(edge.port()).x / 2, y - 16, true);
                continue;
            }
            int x1 = from.x + from.width;
            int y1 = from.y + from.height / 2;
            int x2 = to.x;
            int y2 = to.y + to.height / 2;
            gc.drawLine(x1, y1, x2, y2);
            drawArrowHead(gc, x1, y1, x2, y2);
            gc.drawText(edge.port(), (x1 + x2) / 2 - gc.textExtent(edge.port()).x / 2, (y1 + y2) / 2 - 16, true);
        }
        Color stepFill = new Color(225, 236, 250);
        Color inputFill = new Color(235, 235, 235);
        try {
            for (PipelineGraph.Node node : graph.nodes()) {
                Rectangle box = bounds(node);
                gc.setBackground(node.isInput() ? inputFill : stepFill);
                gc.fillRoundRectangle(box.x, box.y, box.width, box.height, 10, 10);
                boolean isSelected = node.id().equals(selected);
                gc.setLineWidth(isSelected ? 3 : 1);
                gc.setForeground(display.getSystemColor(isSelected ? SWT.COLOR_LIST_SELECTION : SWT.COLOR_GRAY));
                gc.drawRoundRectangle(box.x, box.y, box.width, box.height, 10, 10);
                gc.setForeground(display.getSystemColor(SWT.COLOR_BLACK));
                gc.drawText(node.id(), box.x + 8, box.y + 5, true);
                gc.setForeground(display.getSystemColor(SWT.COLOR_DARK_BLUE));
                gc.drawText(node.isInput() ? "input" : node.operator(), box.x + 8, box.y + 23, true);
            }
        } finally {
            stepFill.dispose();
            inputFill.dispose();
        }
    }

    /** The lowest box bottom of layers {@code first} to {@code last}: long edges run below it. */
    private int laneBelow(int first, int last) {
        int bottom = 0;
        for (PipelineGraph.Node node : graph.nodes()) {
            if (node.layer() >= first && node.layer() <= last) {
                Rectangle box = bounds(node);
                bottom = Math.max(bottom, box.y + box.height);
            }
        }
        return bottom;
    }

    private long longEdges() {
        return graph.edges().stream().filter(e -> graph.node(e.to()).layer() - graph.node(e.from()).layer() > 1)
                .count();
    }

    private static void drawArrowHead(GC gc, int x1, int y1, int x2, int y2) {
        double angle = Math.atan2(y2 - y1, x2 - x1);
        int size = 8;
        int[] head = { x2, y2,
                (int) Math.round(x2 - size * Math.cos(angle - 0.4)), (int) Math.round(y2 - size * Math.sin(angle - 0.4)),
                (int) Math.round(x2 - size * Math.cos(angle + 0.4)), (int) Math.round(y2 - size * Math.sin(angle + 0.4)) };
        gc.setBackground(gc.getForeground());
        gc.fillPolygon(head);
    }
}
