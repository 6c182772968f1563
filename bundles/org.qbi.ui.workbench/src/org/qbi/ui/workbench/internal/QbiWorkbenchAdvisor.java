package org.qbi.ui.workbench.internal;

import java.net.URL;

import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IAdaptable;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.Platform;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.ui.application.IWorkbenchConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchAdvisor;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;
import org.eclipse.ui.ide.IDE;
import org.osgi.framework.Bundle;
import org.qbi.ui.workbench.QbiPerspectives;
import org.qbi.ui.workbench.QbiUiPreferences;

/**
 * Workbench life cycle: the Eclipse resources model as the page input (so the Project Explorer shows the
 * workspace's projects), the Explore perspective first, the example project offered after start-up, and
 * the workspace saved on exit.
 */
final class QbiWorkbenchAdvisor extends WorkbenchAdvisor {

    private final boolean openExample;

    QbiWorkbenchAdvisor(boolean openExample) {
        this.openExample = openExample;
    }

    @Override
    public void initialize(IWorkbenchConfigurer configurer) {
        super.initialize(configurer);
        configurer.setSaveAndRestore(true);
        IDE.registerAdapters();
        declareIdeImages(configurer);
    }

    /** Project icons that the IDE application would declare; the Project Explorer asks for them. */
    private static void declareIdeImages(IWorkbenchConfigurer configurer) {
        Bundle ide = Platform.getBundle("org.eclipse.ui.ide");
        declare(configurer, ide, IDE.SharedImages.IMG_OBJ_PROJECT, "icons/full/obj16/prj_obj.png");
        declare(configurer, ide, IDE.SharedImages.IMG_OBJ_PROJECT_CLOSED, "icons/full/obj16/cprj_obj.png");
    }

    private static void declare(IWorkbenchConfigurer configurer, Bundle bundle, String key, String path) {
        URL url = bundle == null ? null : bundle.getEntry(path);
        if (url == null) {
            Platform.getLog(QbiWorkbenchAdvisor.class).warn("Workbench image " + path + " not found in "
                    + (bundle == null ? "(no bundle org.eclipse.ui.ide)" : bundle.getSymbolicName()));
            return;
        }
        configurer.declareImage(key, ImageDescriptor.createFromURL(url), true);
    }

    @Override
    public String getInitialWindowPerspectiveId() {
        return QbiPerspectives.EXPLORE;
    }

    @Override
    public IAdaptable getDefaultPageInput() {
        return ResourcesPlugin.getWorkspace().getRoot();
    }

    @Override
    public WorkbenchWindowAdvisor createWorkbenchWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
        return new QbiWorkbenchWindowAdvisor(configurer);
    }

    @Override
    public void postStartup() {
        QbiUiPreferences.applyCacheBudget();
        ExampleProjectOffer.atStartup(openExample);
    }

    @Override
    public boolean preShutdown() {
        try {
            ResourcesPlugin.getWorkspace().save(true, new NullProgressMonitor());
        } catch (CoreException e) {
            Platform.getLog(QbiWorkbenchAdvisor.class).error("Could not save the workspace state on exit", e);
        }
        return true;
    }
}
