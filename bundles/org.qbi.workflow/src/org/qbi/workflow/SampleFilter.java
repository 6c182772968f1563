package org.qbi.workflow;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

import org.qbi.project.Sample;

/**
 * Which samples a run takes: empty for all, {@code group=NAME} for one group, or sample ids and globs separated by
 * commas ({@code bone-*,ct-1}). Used by pipeline files ({@code samples:}) and {@code qbi run --samples}.
 *
 * @since 0.1
 */
public final class SampleFilter {

    private SampleFilter() {
    }

    /** The samples of {@code all} that {@code filter} selects, in catalog order. */
    public static List<Sample> select(List<Sample> all, String filter) {
        if (filter == null || filter.isBlank()) {
            return all;
        }
        String f = filter.strip();
        if (f.startsWith("group=")) {
            String group = f.substring("group=".length()).strip();
            return all.stream().filter(s -> s.group().equals(group)).toList();
        }
        List<PathMatcher> matchers = new ArrayList<>();
        for (String part : f.split(",")) {
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + part.strip()));
        }
        return all.stream().filter(s -> matchers.stream().anyMatch(m -> m.matches(Path.of(s.id())))).toList();
    }
}
