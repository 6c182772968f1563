package org.qbi.ui.workflow.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.qbi.workflow.Pipeline;
import org.qbi.workflow.Step;

/**
 * A pipeline as nodes and edges in layers: the inputs in layer 0, each step one layer right of the furthest node it
 * reads from, so every edge points right. Rows number the nodes of a layer from the top, in file order.
 */
record PipelineGraph(List<Node> nodes, List<Edge> edges) {

    /** A pipeline input ({@code operator} null) or a step. */
    record Node(String id, String operator, int layer, int row) {
        boolean isInput() {
            return operator == null;
        }
    }

    /** The wiring of one step input: {@code from} (a node id) feeds {@code port} of {@code to}. */
    record Edge(String from, String to, String port) {
    }

    static PipelineGraph of(Pipeline pipeline) {
        Map<String, Integer> layers = new HashMap<>();
        Map<Integer, Integer> rowsUsed = new HashMap<>();
        List<Node> nodes = new ArrayList<>();
        for (String input : pipeline.inputs().keySet()) {
            layers.put(input, 0);
            nodes.add(new Node(input, null, 0, rowsUsed.merge(0, 1, Integer::sum) - 1));
        }
        List<Edge> edges = new ArrayList<>();
        // pipeline.steps() is in dependency order: every source has its layer before the step that reads it
        for (Step step : pipeline.steps()) {
            int layer = 1;
            for (Map.Entry<String, String> in : step.inputs().entrySet()) {
                String source = in.getValue().split("\\.", 2)[0];
                layer = Math.max(layer, layers.get(source) + 1);
                edges.add(new Edge(source, step.id(), in.getKey()));
            }
            layers.put(step.id(), layer);
            nodes.add(new Node(step.id(), step.operator(), layer, rowsUsed.merge(layer, 1, Integer::sum) - 1));
        }
        return new PipelineGraph(List.copyOf(nodes), List.copyOf(edges));
    }

    Node node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst().orElse(null);
    }
}
