package org.qbi.ui.viewer.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Display;
import org.qbi.core.image.Image;
import org.qbi.io.ImageFormats;

/**
 * The jobs of one Image editor and their rule: every job reading the editor's image holds {@link #rule()}, so an
 * image is never closed while a job reads it. All belong to the family of the editor (tests and shutdown can
 * wait for them).
 */
final class EditorJobs {

    private final Object family;
    private final String fileName;
    private final Display display;
    private final ISchedulingRule rule = new ISchedulingRule() {
        @Override
        public boolean isConflicting(ISchedulingRule other) {
            return other == this;
        }

        @Override
        public boolean contains(ISchedulingRule other) {
            return other == this;
        }
    };

    EditorJobs(Object family, String fileName, Display display) {
        this.family = family;
        this.fileName = fileName;
        this.display = display;
    }

    /** The rule of the editor's reading jobs. */
    ISchedulingRule rule() {
        return rule;
    }

    /** Schedules {@code body} as a job of this editor holding its rule. */
    Job schedule(String name, Function<IProgressMonitor, IStatus> body) {
        Job job = job(name, body);
        job.setRule(rule);
        job.schedule();
        return job;
    }

    /** A job of this editor (not scheduled, no rule). */
    Job job(String name, Function<IProgressMonitor, IStatus> body) {
        return new Job(name) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                return body.apply(monitor);
            }

            @Override
            public boolean belongsTo(Object f) {
                return f == family;
            }
        };
    }

    /**
     * Opens {@code entry} of {@code path} (null: its first or only image) in a job holding the rule, and tells
     * {@code opened} (the image and the file's entries) or {@code failed} on the UI thread.
     */
    void open(Path path, String entry, BiConsumer<Image, List<String>> opened, Consumer<Throwable> failed) {
        schedule("Opening " + path.getFileName(), monitor -> {
            ImageFormats formats = ImageFormats.installed();
            Image image;
            try {
                image = formats.open(path, entry);
            } catch (IOException | RuntimeException e) {
                asyncExec(() -> failed.accept(e));
                return Status.OK_STATUS;
            }
            List<String> names;
            try {
                names = formats.entries(path);
            } catch (IOException | RuntimeException e) {
                names = List.of(); // the image opened; only the list of its siblings is missing
            }
            List<String> found = names;
            if (!asyncExec(() -> opened.accept(image, found))) {
                closeQuietly(image);
            }
            return Status.OK_STATUS;
        });
    }

    /** Runs {@code runnable} on the UI thread later; false when the display is gone. */
    boolean asyncExec(Runnable runnable) {
        if (display == null || display.isDisposed()) {
            return false;
        }
        display.asyncExec(runnable);
        return true;
    }

    /** Closes {@code toClose} in a job holding the rule (after the reads queued before it). */
    void closeLater(Image toClose) {
        closeLater(toClose, null);
    }

    /** Closes {@code toClose} once {@code reader} (a job reading it without the rule; null: none) has ended. */
    void closeLater(Image toClose, Job reader) {
        Job job = job("Closing " + fileName, monitor -> {
            if (reader != null) {
                try {
                    reader.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            closeQuietly(toClose);
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        job.setRule(rule);
        job.schedule();
    }

    static void closeQuietly(Image toClose) {
        try {
            toClose.close();
        } catch (IOException e) {
            // nothing left to do with an image that failed to close; its file handle goes with the reader
        }
    }
}
