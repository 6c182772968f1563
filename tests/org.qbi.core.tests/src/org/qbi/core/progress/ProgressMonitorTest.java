package org.qbi.core.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ProgressMonitorTest {

    @Test
    void theNullMonitorIsNeverCanceled() {
        ProgressMonitor.NULL.begin("anything", 10);
        ProgressMonitor.NULL.worked(5);
        ProgressMonitor.NULL.subTask("x");

        assertFalse(ProgressMonitor.NULL.isCanceled());
        ProgressMonitor.NULL.checkCanceled("anything");
        ProgressMonitor.NULL.done();
    }

    @Test
    void checkCanceledThrowsOnceTheMonitorIsCanceled() {
        boolean[] canceled = { false };
        ProgressMonitor monitor = new ProgressMonitor() {
            @Override
            public void begin(String task, long totalWork) {
            }

            @Override
            public void worked(long work) {
                canceled[0] = true;
            }

            @Override
            public boolean isCanceled() {
                return canceled[0];
            }

            @Override
            public void done() {
            }
        };

        monitor.checkCanceled("decode");
        monitor.worked(1);

        CancelledException e = assertThrows(CancelledException.class, () -> monitor.checkCanceled("decode"));
        assertEquals("Cancelled: decode", e.getMessage());
    }
}
