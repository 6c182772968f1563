/**
 * The application, its advisors, the three perspectives, About, the user guide view and the preference
 * page. Not API.
 */
package org.qbi.ui.workbench.internal;
