package org.qbi.headless.internal;

import org.eclipse.core.runtime.Platform;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;

/** The Equinox application behind the {@code qbi} start script; returns the command's exit code. */
public final class QbiApplication implements IApplication {

    @Override
    public Object start(IApplicationContext context) {
        String[] args = (String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
        int exitCode = QbiCli.execute(new CommandRegistry(Platform.getExtensionRegistry()), args == null ? new String[0] : args);
        System.out.flush();
        System.err.flush();
        return exitCode == 0 ? IApplication.EXIT_OK : Integer.valueOf(exitCode);
    }

    @Override
    public void stop() {
        // a command runs to its end or is cancelled through its progress monitor
    }
}
