package org.qbi.plugins;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.equinox.p2.core.IProvisioningAgent;
import org.eclipse.equinox.p2.core.ProvisionException;
import org.eclipse.equinox.p2.engine.IProfile;
import org.eclipse.equinox.p2.engine.IProfileRegistry;
import org.eclipse.equinox.p2.engine.ProvisioningContext;
import org.eclipse.equinox.p2.engine.query.UserVisibleRootQuery;
import org.eclipse.equinox.p2.metadata.IInstallableUnit;
import org.eclipse.equinox.p2.metadata.IProvidedCapability;
import org.eclipse.equinox.p2.metadata.IRequirement;
import org.eclipse.equinox.p2.operations.InstallOperation;
import org.eclipse.equinox.p2.operations.ProfileChangeOperation;
import org.eclipse.equinox.p2.operations.ProvisioningJob;
import org.eclipse.equinox.p2.operations.ProvisioningSession;
import org.eclipse.equinox.p2.operations.UninstallOperation;
import org.eclipse.equinox.p2.query.QueryUtil;
import org.eclipse.equinox.p2.repository.artifact.IArtifactRepositoryManager;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepository;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepositoryManager;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.plugins.internal.Monitors;

/**
 * Lab extensions of the running product: its installed lab features with their plugins, install and uninstall
 * through the product's own p2 profile ({@code p2/} beside {@code configuration/}; config.ini names it with
 * {@code eclipse.p2.data.area} and {@code eclipse.p2.profile}), plugins that failed to load, and the dropins folder.
 * <p>
 * A lab feature is a feature the user installed: a root of the p2 profile that is a feature group (the product's
 * own features are not roots: the product is). Installing or uninstalling changes the profile and the
 * configuration the platform starts from ({@code bundles.info}); the running platform keeps its plugins until it
 * restarts, which {@link InstallResult#restartRequired()} says honestly.
 * <p>
 * Not thread-safe: one install or uninstall at a time (p2 locks the profile and refuses a second one).
 *
 * @since 0.1
 */
public final class LabExtensions {

    private static final String FEATURE_GROUP = ".feature.group";
    /** The profile property p2's dropins reconciler sets on what it installed. */
    private static final String DROPINS_PROPERTY = "org.eclipse.equinox.p2.reconciler.dropins";

    private final BundleContext context;
    private final IProvisioningAgent agent;

    private LabExtensions(BundleContext context, IProvisioningAgent agent) {
        this.context = context;
        this.agent = agent;
    }

    /**
     * The lab extensions of the running product.
     *
     * @throws LabInstallException when the platform has no p2 profile to install into (started from a development
     *                             or test runtime instead of the product)
     */
    public static LabExtensions running() throws LabInstallException {
        Bundle bundle = FrameworkUtil.getBundle(LabExtensions.class);
        BundleContext context = bundle == null ? null : bundle.getBundleContext();
        if (context == null) {
            throw new LabInstallException("The plugin org.qbi.plugins is not started in an OSGi platform.");
        }
        IProvisioningAgent agent = currentAgent(context);
        LabExtensions extensions = new LabExtensions(context, agent);
        extensions.profile(); // fails early and clearly without one
        return extensions;
    }

    private static IProvisioningAgent currentAgent(BundleContext context) throws LabInstallException {
        try {
            // p2.core registers the agent of the running installation when config.ini names eclipse.p2.data.area
            for (ServiceReference<IProvisioningAgent> reference : context.getServiceReferences(IProvisioningAgent.class,
                    "(" + IProvisioningAgent.SERVICE_CURRENT + "=true)")) {
                IProvisioningAgent agent = context.getService(reference);
                if (agent != null) {
                    return agent;
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        throw new LabInstallException("This installation has no p2 data area (eclipse.p2.data.area in "
                + "configuration/config.ini), so lab extensions cannot be installed into it. Install them into the "
                + "QBI Workbench product (its p2/ folder holds the profile).");
    }

    private IProfile profile() throws LabInstallException {
        IProfileRegistry registry = agent.getService(IProfileRegistry.class);
        IProfile profile = registry == null ? null : registry.getProfile(IProfileRegistry.SELF);
        if (profile == null) {
            throw new LabInstallException("This installation has no p2 profile (eclipse.p2.profile in "
                    + "configuration/config.ini names none that exists under p2/org.eclipse.equinox.p2.engine/"
                    + "profileRegistry), so lab extensions cannot be installed into it.");
        }
        return profile;
    }

    /** The lab features installed in the product (by {@code qbi plugins install}, the dialog or dropins), by id. */
    public List<LabFeature> installed() throws LabInstallException {
        IProfile profile = profile();
        List<IInstallableUnit> all = profile.query(QueryUtil.createIUAnyQuery(), null).toUnmodifiableSet().stream()
                .toList();
        List<LabFeature> features = new ArrayList<>();
        for (IInstallableUnit unit : profile.query(new UserVisibleRootQuery(), null).toUnmodifiableSet()) {
            if (!unit.getId().endsWith(FEATURE_GROUP)) {
                continue;
            }
            boolean dropins = "true".equals(profile.getInstallableUnitProperty(unit, DROPINS_PROPERTY));
            features.add(feature(unit, bundlesOf(unit, all), dropins));
        }
        for (IInstallableUnit unit : profile.query(QueryUtil.createIUGroupQuery(), null).toUnmodifiableSet()) {
            // the reconciler installs dropins features as optional, non-root units
            if (unit.getId().endsWith(FEATURE_GROUP)
                    && "true".equals(profile.getInstallableUnitProperty(unit, DROPINS_PROPERTY))
                    && features.stream().noneMatch(f -> f.id().equals(featureId(unit)))) {
                features.add(feature(unit, bundlesOf(unit, all), true));
            }
        }
        features.sort(Comparator.comparing(LabFeature::id));
        return features;
    }

    /** The features a p2 repository offers (newest version of each), without installing anything. */
    public List<LabFeature> available(URI repository, ProgressMonitor monitor) throws LabInstallException {
        IMetadataRepository metadata = loadMetadata(repository, Monitors.eclipse(monitor));
        List<LabFeature> features = new ArrayList<>();
        for (IInstallableUnit unit : offeredFeatures(metadata)) {
            features.add(feature(unit, List.of(), false));
        }
        features.sort(Comparator.comparing(LabFeature::id));
        return features;
    }

    /**
     * Installs features of a p2 repository into the product.
     *
     * @param repository p2 repository location (see {@link LabRepositories#location(String)})
     * @param featureIds the features to install; empty installs every feature the repository offers
     * @throws LabInstallException when the repository is not a p2 repository, a feature is not in it, or the
     *                             features cannot be installed (conflicting versions, missing dependencies: the
     *                             message carries p2's explanation), and when cancelled
     */
    public InstallResult install(URI repository, Collection<String> featureIds, ProgressMonitor monitor)
            throws LabInstallException {
        SubMonitor progress = SubMonitor.convert(Monitors.eclipse(monitor), "Installing lab extensions", 100);
        boolean known = isKnown(repository);
        try {
            IMetadataRepository metadata = loadMetadata(repository, progress.split(10));
            loadArtifacts(repository, progress.split(5));
            List<IInstallableUnit> offered = offeredFeatures(metadata);
            List<IInstallableUnit> chosen = choose(repository, offered, featureIds);
            refuseReinstall(chosen);
            InstallOperation operation = new InstallOperation(new ProvisioningSession(agent), chosen);
            ProvisioningContext provisioning = new ProvisioningContext(agent);
            provisioning.setMetadataRepositories(repository);
            provisioning.setArtifactRepositories(repository);
            operation.setProvisioningContext(provisioning);
            int restart = run(operation, "install " + names(chosen) + " from " + repository, progress.split(85));
            List<LabFeature> features = chosen.stream().map(unit -> feature(unit, List.of(), false)).toList();
            return new InstallResult(features, restart != ProvisioningJob.RESTART_NONE);
        } finally {
            if (!known) {
                forget(repository); // a lab's repository is used once; p2 would otherwise remember it for updates
            }
        }
    }

    /**
     * Uninstalls lab features from the product. A feature that came from the dropins folder is removed by deleting
     * it there: the reconciler would install it again at the next start.
     */
    public InstallResult uninstall(Collection<String> featureIds, ProgressMonitor monitor) throws LabInstallException {
        if (featureIds.isEmpty()) {
            throw new LabInstallException("No feature given to uninstall: 'qbi plugins list' shows the installed ones.");
        }
        Map<String, LabFeature> installed = new LinkedHashMap<>();
        for (LabFeature feature : installed()) {
            installed.put(feature.id(), feature);
        }
        IProfile profile = profile();
        List<IInstallableUnit> units = new ArrayList<>();
        for (String id : featureIds) {
            LabFeature feature = installed.get(featureId(id));
            if (feature == null) {
                throw new LabInstallException("The lab feature " + featureId(id) + " is not installed. Installed: "
                        + (installed.isEmpty() ? "none" : String.join(", ", installed.keySet())) + ".");
            }
            if (feature.fromDropins()) {
                throw new LabInstallException("The feature " + feature.id() + " comes from the dropins folder ("
                        + dropinsFolder() + "): delete it there and restart to remove it.");
            }
            units.addAll(profile.query(QueryUtil.createIUQuery(feature.id() + FEATURE_GROUP), null).toUnmodifiableSet());
        }
        UninstallOperation operation = new UninstallOperation(new ProvisioningSession(agent), units);
        int restart = run(operation, "uninstall " + names(units), Monitors.eclipse(monitor));
        List<LabFeature> removed = featureIds.stream().map(id -> installed.get(featureId(id))).toList();
        return new InstallResult(removed, restart != ProvisioningJob.RESTART_NONE);
    }

    /** Plugins that are in the platform but not resolved, each with the resolver's reason; empty when all load. */
    public List<PluginProblem> problems() {
        return PluginProblems.of(context);
    }

    /** The product's dropins folder ({@code dropins/} in its installation folder). */
    public Path dropinsFolder() {
        return Path.of(Platform.getInstallLocation().getURL().getPath()).resolve("dropins");
    }

    /** What lies in the dropins folder and its state; empty when the folder does not exist. */
    public List<DropinsEntry> dropins() {
        List<DropinsEntry> entries = new ArrayList<>();
        Set<String> installedFeatures = new TreeSet<>();
        try {
            installed().forEach(feature -> installedFeatures.add(feature.id() + " " + feature.version()));
        } catch (LabInstallException e) {
            // without a profile the features' state stays unknown; plugins are still checked against the framework
        }
        for (DropinsEntry entry : Dropins.list(dropinsFolder(), context)) {
            if (entry.kind().equals("feature")) {
                boolean in = installedFeatures.contains(entry.id() + " " + entry.version());
                entry = new DropinsEntry(entry.path(), entry.kind(), entry.id(), entry.version(),
                        in ? "INSTALLED" : "NOT LOADED", in ? "" : "not installed by p2 (see the plugins' problems)");
            }
            entries.add(entry);
        }
        return entries;
    }

    private int run(ProfileChangeOperation operation, String what, IProgressMonitor monitor) throws LabInstallException {
        SubMonitor progress = SubMonitor.convert(monitor, 100);
        operation.setProfileId(IProfileRegistry.SELF);
        IStatus resolved = operation.resolveModal(progress.split(30));
        checkCancel(resolved, what);
        if (resolved.getSeverity() == IStatus.ERROR) {
            String details = operation.getResolutionDetails();
            String status = Monitors.describe(resolved);
            // the details often repeat the status tree with another indentation
            boolean newDetails = details != null && !details.isBlank()
                    && !status.replaceAll("\\s+", " ").contains(details.strip().replaceAll("\\s+", " "));
            throw new LabInstallException("Cannot " + what + ": " + status + (newDetails ? "\n" + details.strip() : ""));
        }
        ProvisioningJob job = operation.getProvisioningJob(progress.split(5));
        if (job == null) {
            throw new LabInstallException("Cannot " + what + ": p2 made no plan (" + Monitors.describe(resolved) + ")");
        }
        IStatus done = job.runModal(progress.split(65));
        checkCancel(done, what);
        if (done.getSeverity() == IStatus.ERROR) {
            throw new LabInstallException("Could not " + what + ": " + Monitors.describe(done));
        }
        return job.getRestartPolicy();
    }

    private static void checkCancel(IStatus status, String what) {
        if (status.getSeverity() == IStatus.CANCEL) {
            throw new OperationCanceledException("Cancelled: " + what + " (nothing was changed)");
        }
    }

    private IMetadataRepository loadMetadata(URI repository, IProgressMonitor monitor) throws LabInstallException {
        IMetadataRepositoryManager manager = agent.getService(IMetadataRepositoryManager.class);
        try {
            return manager.loadRepository(repository, monitor);
        } catch (ProvisionException e) {
            if (e.getStatus().getCode() == ProvisionException.REPOSITORY_NOT_FOUND) {
                throw new LabInstallException(repository + " is not a p2 repository: it has no content.jar, "
                        + "content.xml or compositeContent.* (give the folder that holds them, its zip, or its URL; "
                        + "a lab's build makes it in <lab>.repository/target/repository).", e);
            }
            throw new LabInstallException("Cannot read the p2 repository " + repository + ": " + e.getMessage()
                    + plainHttpHint(repository), e);
        } catch (OperationCanceledException e) {
            throw e;
        }
    }

    /**
     * p2 reads http:// repositories over https (its default 'p2.httpRule'): a lab server inside a network that only
     * speaks plain http then fails with an https error, which the user should be told how to allow.
     */
    private static String plainHttpHint(URI repository) {
        return "http".equalsIgnoreCase(repository.getScheme()) && System.getProperty("p2.httpRule") == null
                ? " (p2 reads http:// repositories over https; to allow a plain-http server inside your network, "
                        + "start QBI with JAVA_TOOL_OPTIONS=-Dp2.httpRule=allow)"
                : "";
    }

    private void loadArtifacts(URI repository, IProgressMonitor monitor) throws LabInstallException {
        try {
            agent.getService(IArtifactRepositoryManager.class).loadRepository(repository, monitor);
        } catch (ProvisionException e) {
            throw new LabInstallException(repository + " has metadata but no readable artifact repository "
                    + "(artifacts.jar or artifacts.xml): " + e.getMessage(), e);
        }
    }

    private boolean isKnown(URI repository) {
        IMetadataRepositoryManager manager = agent.getService(IMetadataRepositoryManager.class);
        return manager != null && manager.contains(repository);
    }

    private void forget(URI repository) {
        IMetadataRepositoryManager metadata = agent.getService(IMetadataRepositoryManager.class);
        IArtifactRepositoryManager artifacts = agent.getService(IArtifactRepositoryManager.class);
        if (metadata != null) {
            metadata.removeRepository(repository);
        }
        if (artifacts != null) {
            artifacts.removeRepository(repository);
        }
    }

    private static List<IInstallableUnit> offeredFeatures(IMetadataRepository metadata) {
        return metadata.query(QueryUtil.createLatestQuery(QueryUtil.createIUGroupQuery()), null).toUnmodifiableSet()
                .stream().filter(unit -> unit.getId().endsWith(FEATURE_GROUP))
                .sorted(Comparator.comparing(IInstallableUnit::getId)).toList();
    }

    private static List<IInstallableUnit> choose(URI repository, List<IInstallableUnit> offered,
            Collection<String> featureIds) throws LabInstallException {
        if (offered.isEmpty()) {
            throw new LabInstallException("The p2 repository " + repository + " offers no feature to install "
                    + "(a lab publishes its plugins in a feature).");
        }
        if (featureIds.isEmpty()) {
            return offered;
        }
        List<IInstallableUnit> chosen = new ArrayList<>();
        for (String id : featureIds) {
            String wanted = featureId(id) + FEATURE_GROUP;
            IInstallableUnit unit = offered.stream().filter(u -> u.getId().equals(wanted)).findFirst()
                    .orElseThrow(() -> new LabInstallException("The feature " + featureId(id) + " is not in the p2 "
                            + "repository " + repository + ". It offers: " + offered.stream()
                                    .map(LabExtensions::featureId).collect(Collectors.joining(", ")) + "."));
            chosen.add(unit);
        }
        return chosen;
    }

    /** p2 would only say "will be ignored because it is already installed"; say what to do instead. */
    private void refuseReinstall(List<IInstallableUnit> chosen) throws LabInstallException {
        IProfile profile = profile();
        for (IInstallableUnit unit : chosen) {
            if (!profile.query(QueryUtil.createIUQuery(unit.getId(), unit.getVersion()), null).isEmpty()) {
                throw new LabInstallException("The feature " + featureId(unit) + " " + unit.getVersion()
                        + " is already installed. To install it again, uninstall it first ('qbi plugins uninstall "
                        + featureId(unit) + "').");
            }
        }
    }

    private static String names(Collection<IInstallableUnit> units) {
        return units.stream().map(unit -> featureId(unit) + " " + unit.getVersion()).collect(Collectors.joining(", "));
    }

    private static String featureId(IInstallableUnit unit) {
        return featureId(unit.getId());
    }

    private static String featureId(String id) {
        return id.endsWith(FEATURE_GROUP) ? id.substring(0, id.length() - FEATURE_GROUP.length()) : id;
    }

    private static LabFeature feature(IInstallableUnit unit, List<PluginBundle> bundles, boolean fromDropins) {
        String name = unit.getProperty(IInstallableUnit.PROP_NAME, null);
        String vendor = unit.getProperty(IInstallableUnit.PROP_PROVIDER, null);
        return new LabFeature(featureId(unit), name == null ? featureId(unit) : name, unit.getVersion().toString(),
                vendor == null ? "" : vendor, bundles, fromDropins);
    }

    /** The bundles a feature group requires (directly), with their state in the running framework. */
    private List<PluginBundle> bundlesOf(IInstallableUnit feature, List<IInstallableUnit> profileUnits) {
        List<PluginBundle> bundles = new ArrayList<>();
        for (IRequirement requirement : feature.getRequirements()) {
            for (IInstallableUnit unit : profileUnits) {
                if (!unit.satisfies(requirement)) {
                    continue;
                }
                for (IProvidedCapability capability : unit.getProvidedCapabilities()) {
                    if (capability.getNamespace().equals("osgi.bundle")) {
                        String version = capability.getVersion().toString();
                        bundles.add(new PluginBundle(capability.getName(), version,
                                state(capability.getName(), version)));
                    }
                }
            }
        }
        bundles.sort(Comparator.comparing(PluginBundle::symbolicName));
        return bundles;
    }

    private String state(String symbolicName, String version) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName()) && bundle.getVersion().toString().equals(version)) {
                return stateName(bundle);
            }
        }
        return "NOT LOADED";
    }

    static String stateName(Bundle bundle) {
        return switch (bundle.getState()) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.STARTING -> "STARTING";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.STOPPING -> "STOPPING";
            default -> "UNINSTALLED";
        };
    }
}
