/**
 * Implementation of the lab extension installer: the {@code qbi plugins} command and progress/status adapters.
 */
package org.qbi.plugins.internal;
