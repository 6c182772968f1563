package org.qbi.ui.workbench.internal;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;

/** Help &gt; User Guide: shows the user guide view. */
public final class UserGuideHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        try {
            HandlerUtil.getActiveWorkbenchWindowChecked(event).getActivePage().showView(UserGuideView.ID);
        } catch (PartInitException e) {
            throw new ExecutionException("Could not open the user guide: " + e.getMessage(), e);
        }
        return null;
    }
}
