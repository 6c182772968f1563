package org.qbi.ui.workflow.internal;

import org.eclipse.jface.preference.DirectoryFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.FileFieldEditor;
import org.eclipse.jface.preference.StringButtonFieldEditor;
import org.eclipse.jface.preference.StringFieldEditor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;

/** Window &gt; Preferences &gt; QBI Workbench &gt; Spark: where Run on Spark sends pipelines. */
public final class SparkPreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

    public SparkPreferencePage() {
        super(GRID);
        setDescription("Run on Spark starts the Spark job jar in a process of its own (Spark never loads into the "
                + "workbench). Empty fields take SPARK_HOME, QBI_SPARK_JOB and QBI_SPARK_CLASSPATH from the "
                + "environment, as qbi run --engine spark does.");
    }

    @Override
    public void init(IWorkbench workbench) {
        setPreferenceStore(SparkPreferences.store());
    }

    @Override
    protected void createFieldEditors() {
        addField(new StringFieldEditor(SparkPreferences.MASTER, "Master URL:", getFieldEditorParent()));
        note("local[*] or local[N] run on this computer; spark://HOST:PORT, yarn and k8s://... need a Spark "
                + "installation and the project on storage every node reaches.");
        DirectoryFieldEditor home = new DirectoryFieldEditor(SparkPreferences.SPARK_HOME,
                "Spark installation (SPARK_HOME):", getFieldEditorParent());
        addField(home);
        wide(home);
        FileFieldEditor job = new FileFieldEditor(SparkPreferences.JOB_JAR, "Job jar:", true,
                getFieldEditorParent());
        job.setFileExtensions(new String[] { "*.jar" });
        job.setEmptyStringAllowed(true);
        addField(job);
        wide(job);
        note("The build makes it: spark/org.qbi.spark/target/org.qbi.spark-VERSION-job.jar.");
        FileFieldEditor classpath = new FileFieldEditor(SparkPreferences.CLASSPATH_FILE, "Spark class path file:",
                true, getFieldEditorParent());
        classpath.setEmptyStringAllowed(true);
        addField(classpath);
        wide(classpath);
        note("For local masters without a Spark installation: Spark's jars as the build lists them in "
                + "spark.classpath (found beside the job jar when empty).");
        addField(new StringFieldEditor(SparkPreferences.JARS, "Extra jars (comma-separated):", getFieldEditorParent()));
        note("A lab's plugin jars (operators, readers, measurements), given to every executor (--jars).");
    }

    /** Paths are long: room for them (the field editor leaves its text at the width of its initial value). */
    private void wide(StringButtonFieldEditor editor) {
        ((GridData) editor.getTextControl(getFieldEditorParent()).getLayoutData()).widthHint = 320;
    }

    private void note(String text) {
        Label label = new Label(getFieldEditorParent(), SWT.WRAP);
        label.setText(text);
        GridData data = new GridData(SWT.FILL, SWT.TOP, true, false, 3, 1);
        data.widthHint = 420;
        label.setLayoutData(data);
    }
}
