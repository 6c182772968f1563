package org.qbi.ui.workflow.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.ui.preferences.ScopedPreferenceStore;
import org.qbi.workflow.SparkRun;
import org.qbi.workflow.SparkRun.Setting;
import org.qbi.workflow.SparkRun.SetupException;

/**
 * Where Run on Spark sends a pipeline (Window &gt; Preferences &gt; QBI Workbench &gt; Spark): the master, a Spark
 * installation, the job jar, Spark's class path for local masters without an installation, and a lab's extra jars.
 * Defaults come from the variables {@code qbi run --engine spark} reads (SPARK_HOME, QBI_SPARK_JOB,
 * QBI_SPARK_CLASSPATH), so a workbench started from a configured shell needs no setting.
 */
final class SparkPreferences {

    static final String NODE = "org.qbi.ui.workflow";
    static final String MASTER = "spark.master";
    static final String SPARK_HOME = "spark.home";
    static final String JOB_JAR = "spark.jobJar";
    static final String CLASSPATH_FILE = "spark.classpathFile";
    static final String JARS = "spark.jars";
    /** The preference page's id (plugin.xml), for the error dialogs' "Open Preferences". */
    static final String PAGE_ID = "org.qbi.ui.preferences.spark";

    /** What the build writes next to the job jar: Spark's class path, one line separated by ':'. */
    static final String CLASSPATH_FILE_NAME = "spark.classpath";

    private static IPreferenceStore store;

    private SparkPreferences() {
    }

    static synchronized IPreferenceStore store() {
        if (store == null) {
            store = new ScopedPreferenceStore(InstanceScope.INSTANCE, NODE);
            Map<String, String> env = System.getenv();
            store.setDefault(MASTER, "local[*]");
            store.setDefault(SPARK_HOME, env.getOrDefault("SPARK_HOME", ""));
            store.setDefault(JOB_JAR, env.getOrDefault("QBI_SPARK_JOB", ""));
            store.setDefault(CLASSPATH_FILE, "");
            store.setDefault(JARS, "");
        }
        return store;
    }

    /** The label of {@code setting} on the preference page, for messages. */
    static String label(Setting setting) {
        return switch (setting) {
        case JOB_JAR -> "Job jar";
        case SPARK_HOME -> "Spark installation (SPARK_HOME)";
        case SPARK_CLASSPATH -> "Spark class path file";
        case JARS -> "Extra jars";
        case MASTER -> "Master URL";
        };
    }

    /**
     * A run of {@code pipeline} in {@code project} on {@code master} with these preferences.
     *
     * @throws SetupException naming the setting to fix (the job jar, Spark, an extra jar), nothing started
     */
    static SparkRun run(Path pipeline, Path project, String master) {
        IPreferenceStore prefs = store();
        Map<String, String> env = new HashMap<>();
        String sparkHome = prefs.getString(SPARK_HOME).strip();
        if (!sparkHome.isEmpty()) {
            env.put("SPARK_HOME", sparkHome);
        }
        String job = prefs.getString(JOB_JAR).strip();
        if (!job.isEmpty()) {
            env.put("QBI_SPARK_JOB", job);
        }
        String classpath = classpath(prefs.getString(CLASSPATH_FILE).strip(), job);
        if (classpath != null) {
            env.put("QBI_SPARK_CLASSPATH", classpath);
        }
        List<Path> jars = new ArrayList<>();
        for (String jar : prefs.getString(JARS).split("[,;]")) {
            if (!jar.isBlank()) {
                jars.add(Path.of(jar.strip()));
            }
        }
        SparkRun run = SparkRun.builder(pipeline, project).master(master).environment(env).jars(jars).build();
        run.command(true); // checks the settings now, before a job starts
        return run;
    }

    /**
     * Spark's class path: the file set, else spark.classpath beside the job jar (where the build writes both),
     * else QBI_SPARK_CLASSPATH from the environment; null when none.
     */
    private static String classpath(String file, String job) {
        Path chosen = null;
        if (!file.isEmpty()) {
            chosen = Path.of(file);
        } else if (!job.isEmpty() && Path.of(job).getParent() != null
                && Files.isRegularFile(Path.of(job).resolveSibling(CLASSPATH_FILE_NAME))) {
            chosen = Path.of(job).resolveSibling(CLASSPATH_FILE_NAME);
        }
        if (chosen == null) {
            String env = System.getenv("QBI_SPARK_CLASSPATH");
            return env == null || env.isBlank() ? null : env;
        }
        try {
            return Files.readString(chosen).strip();
        } catch (IOException e) {
            throw new SetupException(Setting.SPARK_CLASSPATH, "Cannot read the Spark class path file " + chosen
                    + ": " + e.getMessage() + " (the build writes it to spark/org.qbi.spark/target/spark.classpath)");
        }
    }
}
