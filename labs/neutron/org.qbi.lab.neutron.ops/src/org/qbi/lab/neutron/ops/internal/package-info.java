/** Plane access shared by the neutron operators (not API). */
package org.qbi.lab.neutron.ops.internal;
