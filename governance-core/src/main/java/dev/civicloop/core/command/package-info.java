/** The commands of the ticket workflow, one validated record each. */
package dev.civicloop.core.command;
