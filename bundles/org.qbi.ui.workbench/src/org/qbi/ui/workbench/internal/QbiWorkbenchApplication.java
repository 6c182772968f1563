package org.qbi.ui.workbench.internal;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;

import org.eclipse.core.runtime.Platform;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.eclipse.osgi.service.datalocation.Location;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.PlatformUI;

/**
 * Starts the workbench. The workspace is the {@code -data} folder the start script passes (default
 * {@code ~/qbi-workspace}); the program argument {@code --example} opens the example project at start
 * without asking.
 */
public final class QbiWorkbenchApplication implements IApplication {

    /** Program argument: open the example project at start without asking. */
    static final String OPEN_EXAMPLE_ARG = "--example";

    @Override
    public Object start(IApplicationContext context) throws IOException {
        String[] args = (String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
        boolean openExample = args != null && java.util.Arrays.asList(args).contains(OPEN_EXAMPLE_ARG);
        ensureWorkspace();
        Display display = PlatformUI.createDisplay();
        try {
            int code = PlatformUI.createAndRunWorkbench(display, new QbiWorkbenchAdvisor(openExample));
            return code == PlatformUI.RETURN_RESTART ? IApplication.EXIT_RESTART : IApplication.EXIT_OK;
        } finally {
            display.dispose();
        }
    }

    /** Without {@code -data}, uses ~/qbi-workspace rather than failing. */
    private static void ensureWorkspace() throws IOException {
        Location instance = Platform.getInstanceLocation();
        if (instance != null && !instance.isSet()) {
            URL url = Path.of(System.getProperty("user.home"), "qbi-workspace").toUri().toURL();
            instance.set(url, true);
        }
    }

    @Override
    public void stop() {
        if (!PlatformUI.isWorkbenchRunning()) {
            return;
        }
        IWorkbench workbench = PlatformUI.getWorkbench();
        Display display = workbench.getDisplay();
        display.syncExec(() -> {
            if (!display.isDisposed()) {
                workbench.close();
            }
        });
    }
}
