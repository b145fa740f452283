/** Workflows as data: states, transitions, roles and scopes, loaded from JSON and validated. */
package dev.civicloop.core.workflow;
