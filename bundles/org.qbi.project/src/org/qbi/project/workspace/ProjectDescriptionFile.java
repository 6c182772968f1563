package org.qbi.project.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.qbi.core.io.AtomicFiles;

/**
 * Writes the Eclipse {@code .project} file of a project made outside the workbench (by {@code qbi project new}),
 * so that File &gt; Import &gt; Existing Projects recognises it as a QBI project. Plain file I/O: the headless
 * command has no workspace.
 *
 * @since 0.1
 */
public final class ProjectDescriptionFile {

    /** Name of the Eclipse project description file. */
    public static final String FILE_NAME = ".project";

    private ProjectDescriptionFile() {
    }

    /** Writes {@code root/.project} naming the project {@code name} with the QBI nature, unless one exists. */
    public static void writeIfMissing(Path root, String name) throws IOException {
        Path file = root.resolve(FILE_NAME);
        if (Files.exists(file)) {
            return;
        }
        String escaped = name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        AtomicFiles.writeString(file, """
                <?xml version="1.0" encoding="UTF-8"?>
                <projectDescription>
                	<name>%s</name>
                	<comment>QBI project</comment>
                	<projects>
                	</projects>
                	<buildSpec>
                	</buildSpec>
                	<natures>
                		<nature>%s</nature>
                	</natures>
                </projectDescription>
                """.formatted(escaped, QbiNature.ID));
    }
}
