package org.qbi.core.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

class PlatformInfoTest {

    private static final String BUDGET = "qbi.offheap.budget";

    private String savedBudget;

    @BeforeEach
    void saveBudget() {
        savedBudget = System.getProperty(BUDGET);
        System.clearProperty(BUDGET);
    }

    @AfterEach
    void restoreBudget() {
        if (savedBudget == null) {
            System.clearProperty(BUDGET);
        } else {
            System.setProperty(BUDGET, savedBudget);
        }
    }

    @Test
    void insideOsgiTheComponentsContainOrgQbiCoreWithItsVersion() {
        List<PlatformInfo.Component> components = PlatformInfo.components();

        Optional<PlatformInfo.Component> core = components.stream()
                .filter(c -> c.symbolicName().equals("org.qbi.core")).findFirst();
        assertTrue(core.isPresent(), "org.qbi.core missing from " + components);
        assertTrue(core.get().version().matches("0\\.1\\.0(\\..+)?"), core.get().version());
        Bundle bundle = FrameworkUtil.getBundle(PlatformInfo.class);
        assertEquals("org.qbi.core", bundle.getSymbolicName());
        assertEquals(bundle.getHeaders("").get("Bundle-Name"), core.get().name());
        assertTrue(core.get().name().startsWith("QBI Core"), core.get().name());
        assertEquals(bundle.getVersion().toString(), core.get().version());
        assertFalse(core.get().state().isBlank());
        assertEquals(PlatformInfo.platformVersion(), core.get().version());
    }

    @Test
    void componentsAreOnlyQbiBundlesSortedBySymbolicName() {
        List<PlatformInfo.Component> components = PlatformInfo.components();

        assertTrue(components.stream().allMatch(c -> c.symbolicName().startsWith(PlatformInfo.BUNDLE_PREFIX)),
                components.toString());
        assertTrue(components.stream().anyMatch(c -> c.symbolicName().equals("org.qbi.core.tests")),
                "the test fragment is installed too: " + components);
        assertEquals(components.stream().sorted(Comparator.comparing(PlatformInfo.Component::symbolicName)).toList(),
                components);
    }

    @Test
    void javaVersionNamesTheRuntime() {
        String java = PlatformInfo.javaVersion();

        assertTrue(java.contains(System.getProperty("java.runtime.version")), java);
        assertTrue(java.contains(System.getProperty("java.vm.name")), java);
    }

    @Test
    void offHeapBudgetDefaultsToAQuarterOfTheHeap() {
        assertEquals(Runtime.getRuntime().maxMemory() / 4, PlatformInfo.offHeapBudgetBytes());
        assertEquals(Runtime.getRuntime().maxMemory(), PlatformInfo.maxHeapBytes());
    }

    @Test
    void offHeapBudgetParsesTheSystemProperty() {
        System.setProperty(BUDGET, "4294967296");
        assertEquals(4_294_967_296L, PlatformInfo.offHeapBudgetBytes());

        System.setProperty(BUDGET, " 1024\n");
        assertEquals(1024L, PlatformInfo.offHeapBudgetBytes());
    }

    @Test
    void offHeapBudgetRejectsGarbageNamingTheProperty() {
        for (String garbage : List.of("4g", "", "lots", "1.5e9")) {
            System.setProperty(BUDGET, garbage);

            IllegalStateException e = assertThrows(IllegalStateException.class, PlatformInfo::offHeapBudgetBytes,
                    "value '" + garbage + "'");

            assertTrue(e.getMessage().contains("qbi.offheap.budget"), e.getMessage());
            assertTrue(e.getMessage().contains("'" + garbage + "'"), e.getMessage());
        }
    }

    @Test
    void offHeapBudgetRejectsANegativeNumberNamingTheProperty() {
        System.setProperty(BUDGET, "-1");

        IllegalStateException e = assertThrows(IllegalStateException.class, PlatformInfo::offHeapBudgetBytes);

        assertTrue(e.getMessage().contains("qbi.offheap.budget is '-1'"), e.getMessage());
    }
}
