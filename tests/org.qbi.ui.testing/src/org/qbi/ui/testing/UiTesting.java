package org.qbi.ui.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.eclipse.jface.wizard.IWizard;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;

/** What the workbench tests need to drive the running workbench: events, widgets, dialogs, waiting. Not API. */
public final class UiTesting {

    private static final long TIMEOUT_MS = 30_000;

    private UiTesting() {
    }

    /** The active workbench page. */
    public static IWorkbenchPage page() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
    }

    /** The main window's shell. */
    public static Shell shell() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
    }

    /** Runs the pending UI events (the tests run on the UI thread). */
    public static void processEvents() {
        Display display = Display.getCurrent();
        while (display.readAndDispatch()) {
            // drain the event queue
        }
    }

    /** Waits up to 30 s for {@code condition}, processing UI events meanwhile; fails with {@code what} if it never holds. */
    public static void waitFor(String what, BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
            processEvents();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!condition.getAsBoolean()) {
            throw new AssertionError(what + " did not happen within " + TIMEOUT_MS / 1000 + " s");
        }
    }

    /** Every control of {@code type} below {@code parent}, depth first. */
    public static <T extends Control> List<T> findAll(Composite parent, Class<T> type) {
        List<T> found = new ArrayList<>();
        for (Control child : parent.getChildren()) {
            if (type.isInstance(child)) {
                found.add(type.cast(child));
            }
            if (child instanceof Composite composite) {
                found.addAll(findAll(composite, type));
            }
        }
        return found;
    }

    /** Opens {@code wizard} in a dialog that does not block, so the test can fill it in and finish it. */
    public static WizardDialog openNonBlocking(IWizard wizard) {
        WizardDialog dialog = new WizardDialog(shell(), wizard);
        dialog.setBlockOnOpen(false);
        dialog.open();
        processEvents();
        return dialog;
    }
}
