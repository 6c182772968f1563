package org.qbi.stats;

import org.qbi.core.table.Table;

/**
 * One statistical analysis, contributed through extension point {@code org.qbi.statistics}: it takes one kind of
 * data ({@link GroupedValues} for descriptive statistics and group comparisons, {@link MatchedValues} for
 * repeatability and agreement) and returns a {@link Table}.
 * <p>
 * The id is declared here, once: the registry, {@code qbi stats} and the Statistics perspective read it from the
 * instance. Implementations are stateless and thread-safe; a new instance is made per registry.
 *
 * @param <D> the data the analysis takes
 * @since 0.1
 */
public interface Analysis<D> {

    /** Unique id, lower case with '-' ("welch-t", "icc"); {@code qbi stats compare --test ID} uses it. */
    String id();

    /** Short human name ("Welch's t-test"). */
    String label();

    /** One or two sentences: what it tests or measures, its assumptions, what the table holds. */
    String description();

    /** The data type it takes: {@link GroupedValues} or {@link MatchedValues}. */
    Class<D> dataType();

    /**
     * For group comparisons: true when the analysis compares exactly two groups; with more groups the caller
     * ({@link Comparisons}) runs it on every pair. False for analyses of any number of groups.
     */
    default boolean twoGroups() {
        return false;
    }

    /**
     * Runs the analysis.
     *
     * @throws IllegalArgumentException naming the group or subject and what it lacks, when the data cannot be
     *                                  analysed (too few values, a single group, zero variance where a test needs
     *                                  some)
     */
    Table run(D data);
}
