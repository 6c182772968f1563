package org.qbi.plugins;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.eclipse.osgi.report.resolution.ResolutionReport;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.hooks.resolver.ResolverHook;
import org.osgi.framework.hooks.resolver.ResolverHookFactory;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.resource.Resource;

/**
 * Plugins of the running platform that are installed but not resolved, each with the Equinox resolver's reason.
 * The reason comes from a resolution report: a resolver hook that is also a {@link ResolutionReport.Listener} is
 * registered for one {@link FrameworkWiring#resolveBundles} call over the unresolved bundles, and the report's
 * message for each bundle (e.g. {@code Unresolved requirement: Require-Bundle: org.qbi.missing}) is kept.
 *
 * @since 0.1
 */
public final class PluginProblems {

    private PluginProblems() {
    }

    /** The unresolved plugins of the framework {@code context} belongs to, each with the resolver's reason. */
    public static List<PluginProblem> of(BundleContext context) {
        List<Bundle> unresolved = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getState() == Bundle.INSTALLED) {
                unresolved.add(bundle);
            }
        }
        if (unresolved.isEmpty()) {
            return List.of();
        }
        Map<Bundle, String> reasons = reasons(context, unresolved);
        List<PluginProblem> problems = new ArrayList<>();
        for (Bundle bundle : unresolved) {
            if (bundle.getState() != Bundle.INSTALLED) {
                continue; // resolved by this attempt: nothing was wrong any more
            }
            String reason = reasons.getOrDefault(bundle, "not resolved (the resolver gave no reason)");
            problems.add(new PluginProblem(String.valueOf(bundle.getSymbolicName()), bundle.getVersion().toString(),
                    bundle.getLocation(), reason));
        }
        problems.sort(Comparator.comparing(PluginProblem::symbolicName));
        return problems;
    }

    private static Map<Bundle, String> reasons(BundleContext context, Collection<Bundle> bundles) {
        Map<Bundle, String> reasons = new HashMap<>();
        ResolverHookFactory factory = triggers -> new ReportingHook(reasons);
        ServiceRegistration<ResolverHookFactory> registration = context.registerService(ResolverHookFactory.class,
                factory, null);
        try {
            FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
            wiring.resolveBundles(bundles);
        } finally {
            registration.unregister();
        }
        return reasons;
    }

    /** Keeps the report's message per bundle; filters nothing. */
    private record ReportingHook(Map<Bundle, String> reasons) implements ResolverHook, ResolutionReport.Listener {

        @Override
        public void handleResolutionReport(ResolutionReport report) {
            for (Resource resource : report.getEntries().keySet()) {
                if (resource instanceof BundleRevision revision && revision.getBundle() != null) {
                    String message = report.getResolutionReportMessage(resource);
                    if (message != null && !message.isBlank()) {
                        reasons.put(revision.getBundle(), clean(message));
                    }
                }
            }
        }

        /** The report's indented lines as one line. */
        private static String clean(String message) {
            return message.lines().map(String::strip).filter(line -> !line.isEmpty())
                    .collect(Collectors.joining("; "));
        }

        @Override
        public void filterResolvable(Collection<BundleRevision> candidates) {
        }

        @Override
        public void filterSingletonCollisions(BundleCapability singleton,
                Collection<BundleCapability> collisionCandidates) {
        }

        @Override
        public void filterMatches(org.osgi.framework.wiring.BundleRequirement requirement,
                Collection<BundleCapability> candidates) {
        }

        @Override
        public void end() {
        }
    }
}
