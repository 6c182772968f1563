package org.qbi.ui.workbench.internal;

import org.eclipse.jface.preference.BooleanFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.IntegerFieldEditor;
import org.eclipse.jface.preference.RadioGroupFieldEditor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.qbi.core.io.ByteSize;
import org.qbi.core.platform.PlatformInfo;
import org.qbi.project.ImportMode;
import org.qbi.ui.workbench.QbiUiPreferences;

/** Window &gt; Preferences &gt; QBI Workbench: start-up, import, and the memory limits in force. */
public final class QbiPreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

    public QbiPreferencePage() {
        super(GRID);
        setDescription("General settings of QBI Workbench.");
    }

    @Override
    public void init(IWorkbench workbench) {
        setPreferenceStore(QbiUiPreferences.store());
    }

    @Override
    public boolean performOk() {
        boolean ok = super.performOk();
        QbiUiPreferences.applyCacheBudget();
        return ok;
    }

    @Override
    protected void createFieldEditors() {
        addField(new BooleanFieldEditor(QbiUiPreferences.OFFER_EXAMPLE, "Offer the example project at start-up",
                getFieldEditorParent()));
        addField(new RadioGroupFieldEditor(QbiUiPreferences.IMPORT_MODE, "Import images into raw/ by default as", 1,
                new String[][] { { "Copies (the project is self-contained)", ImportMode.COPY.name() },
                        { "Links (data stays on instrument or shared storage)", ImportMode.LINK.name() } },
                getFieldEditorParent(), true));
        IntegerFieldEditor cache = new IntegerFieldEditor(QbiUiPreferences.CACHE_BUDGET_MB,
                "Memory for decoded image chunks (MB):", getFieldEditorParent());
        cache.setValidRange(64, (int) Math.min(Integer.MAX_VALUE, PlatformInfo.offHeapBudgetBytes() >> 20));
        addField(cache);
        Label memory = new Label(getFieldEditorParent(), SWT.WRAP);
        memory.setText("Memory in force: " + ByteSize.format(PlatformInfo.maxHeapBytes()) + " Java heap, "
                + ByteSize.format(PlatformInfo.offHeapBudgetBytes()) + " off-heap budget for image data (the most the "
                + "chunk cache may use).\n"
                + "The start script sets them from the machine's RAM; set QBI_HEAP_PERCENT and QBI_OFFHEAP_PERCENT "
                + "before starting to change them.");
    }
}
