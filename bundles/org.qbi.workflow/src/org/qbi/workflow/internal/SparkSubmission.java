package org.qbi.workflow.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.qbi.core.cli.CommandSession;
import org.qbi.core.platform.PlatformInfo;
import org.qbi.workflow.SparkRun.Setting;
import org.qbi.workflow.SparkRun.SetupException;

/**
 * How {@code qbi run --engine spark} reaches Apache Spark without loading it into the workbench: it starts the job
 * jar (module spark/org.qbi.spark, built separately, never part of the product) in a process of its own.
 * <ul>
 * <li>With {@code SPARK_HOME} set: {@code $SPARK_HOME/bin/spark-submit --master MASTER --class
 * org.qbi.spark.SparkRunMain JOB_JAR PIPELINE --project DIR ...}, for any master (local[*], spark://, yarn,
 * k8s://); spark-submit adds the JVM options Spark needs.</li>
 * <li>Without it, for local masters only: the same Java runs {@code org.qbi.spark.SparkRunMain} with the job jar
 * and Spark's jars ({@code QBI_SPARK_CLASSPATH}: the build writes it to
 * spark/org.qbi.spark/target/spark.classpath) on the class path and Spark's --add-opens list.</li>
 * </ul>
 * The job jar is {@code QBI_SPARK_JOB} (the build's spark/org.qbi.spark/target/org.qbi.spark-VERSION-job.jar).
 */
public final class SparkSubmission {

    static final String MAIN = "org.qbi.spark.SparkRunMain";

    /** Spark's own list (org.apache.spark.launcher.JavaModuleOptions) for Kryo and Spark's internals on Java 25. */
    static final List<String> JVM_OPTIONS = List.of("-XX:+IgnoreUnrecognizedVMOptions",
            "--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED", "-Djdk.reflect.useDirectMethodHandle=false",
            "-Dio.netty.tryReflectionSetAccessible=true");

    private SparkSubmission() {
    }

    /**
     * The command that runs {@code pipeline} of {@code project} on Spark.
     *
     * @param jars      a lab's plugin jars (their plugin.xml is read on every executor): spark-submit --jars, or
     *                  the class path of the plain Java process
     * @param arguments the job's own arguments after PIPELINE and --project (--samples, --out, --force)
     * @throws SetupException naming the variable to set when the job jar or Spark cannot be found
     */
    public static List<String> command(Map<String, String> env, Path pipeline, Path project, String master, List<Path> jars,
            List<String> arguments) {
        for (Path jar : jars) {
            if (!Files.isRegularFile(jar)) {
                throw new SetupException(Setting.JARS, "--jars: " + jar + " is not a file");
            }
        }
        List<String> jarNames = jars.stream().map(j -> j.toAbsolutePath().toString()).toList();
        Path job = jobJar(env);
        List<String> command = new ArrayList<>();
        String sparkHome = env.get("SPARK_HOME");
        if (sparkHome != null && !sparkHome.isBlank()) {
            Path submit = Path.of(sparkHome, "bin", "spark-submit");
            if (!Files.isExecutable(submit)) {
                throw new SetupException(Setting.SPARK_HOME, "SPARK_HOME is " + sparkHome
                        + ", but it has no bin/spark-submit");
            }
            command.addAll(List.of(submit.toString(), "--master", master));
            if (!jarNames.isEmpty()) {
                command.addAll(List.of("--jars", String.join(",", jarNames)));
            }
            command.addAll(List.of("--class", MAIN, job.toString()));
        } else {
            if (!master.startsWith("local")) {
                throw new SetupException(Setting.SPARK_HOME, "--master " + master + " needs spark-submit: set "
                        + "SPARK_HOME to a Spark 4.2 installation (without it only local[*] / local[N] run, in a plain Java process)");
            }
            String sparkClasspath = env.get("QBI_SPARK_CLASSPATH");
            if (sparkClasspath == null || sparkClasspath.isBlank()) {
                throw new SetupException(Setting.SPARK_CLASSPATH, "Spark's jars are not found: set SPARK_HOME to "
                        + "a Spark 4.2 installation, or QBI_SPARK_CLASSPATH to Spark's class path (the build writes it to "
                        + "spark/org.qbi.spark/target/spark.classpath: export QBI_SPARK_CLASSPATH=$(cat that file))");
            }
            String java = ProcessHandle.current().info().command().orElse("java");
            command.add(java);
            command.add("-Xmx" + Math.max(256, PlatformInfo.maxHeapBytes() >> 20) + "m");
            command.add("-Dqbi.offheap.budget=" + PlatformInfo.offHeapBudgetBytes());
            command.addAll(JVM_OPTIONS);
            List<String> classpath = new ArrayList<>(List.of(job.toString()));
            classpath.addAll(jarNames);
            classpath.add(sparkClasspath);
            command.addAll(List.of("-cp", String.join(File.pathSeparator, classpath), MAIN, "--master", master));
        }
        command.add(pipeline.toAbsolutePath().toString());
        command.addAll(List.of("--project", project.toAbsolutePath().toString()));
        command.addAll(arguments);
        return command;
    }

    /** Runs {@code command} with the command's terminal; returns its exit code. */
    static int run(List<String> command) throws IOException {
        Process process = CommandSession.current().startWithConsole(new ProcessBuilder(command));
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new org.qbi.core.cli.CommandFailure("interrupted: the Spark job was stopped");
        }
    }

    private static Path jobJar(Map<String, String> env) {
        String value = env.get("QBI_SPARK_JOB");
        if (value == null || value.isBlank()) {
            throw new SetupException(Setting.JOB_JAR, "Running on Spark needs the job jar: set QBI_SPARK_JOB to "
                    + "the file the build makes, spark/org.qbi.spark/target/org.qbi.spark-<version>-job.jar (docs/SCALING.md)");
        }
        Path jar = Path.of(value);
        if (!Files.isRegularFile(jar)) {
            throw new SetupException(Setting.JOB_JAR, "QBI_SPARK_JOB is " + value + ", which is not a file");
        }
        return jar;
    }
}
