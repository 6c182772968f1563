package org.qbi.ui.plugins.internal;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.ui.handlers.HandlerUtil;

/** Help &gt; Install Lab Extensions... */
public final class InstallLabExtensionsHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        new InstallLabExtensionsDialog(HandlerUtil.getActiveShellChecked(event)).open();
        return null;
    }
}
