package org.qbi.headless.internal;

import java.util.List;

import org.qbi.core.cli.JsonOutput;
import org.qbi.core.cli.QbiCommand;
import org.qbi.core.io.ByteSize;
import org.qbi.core.platform.PlatformInfo;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code qbi version}: the platform, its QBI bundles, Java and memory limits. */
@Command(name = "version", description = "Show the versions of the QBI bundles, Java and the memory limits.")
public final class VersionCommand implements QbiCommand {

    @Option(names = "--json", description = "print JSON instead of text")
    boolean json;

    /** What {@code qbi version --json} prints. */
    record Report(String platform, String java, long maxHeapBytes, long offHeapBudgetBytes,
            List<PlatformInfo.Component> bundles) {
    }

    @Override
    public Integer call() {
        Report report = new Report(PlatformInfo.platformVersion(), PlatformInfo.javaVersion(), PlatformInfo.maxHeapBytes(),
                PlatformInfo.offHeapBudgetBytes(), PlatformInfo.components());
        if (json) {
            JsonOutput.print(System.out, report);
            return 0;
        }
        System.out.println("QBI Workbench " + report.platform());
        System.out.println("Java          " + report.java());
        System.out.println("Heap          " + ByteSize.format(report.maxHeapBytes()) + " maximum");
        System.out.println("Off-heap      " + ByteSize.format(report.offHeapBudgetBytes()) + " budget");
        System.out.println();
        for (PlatformInfo.Component bundle : report.bundles()) {
            System.out.printf("%-32s %-28s %s%n", bundle.symbolicName(), bundle.version(), bundle.state());
        }
        return 0;
    }
}
