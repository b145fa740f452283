/**
 * Dispatch: {@link dev.civicloop.dispatch.GridMap grid maps} and point → grid routing,
 * {@link dev.civicloop.dispatch.Coordinates coordinate conversion}, the routing matrix,
 * auto-dispatch, the street queue and duplicate candidates.
 */
package dev.civicloop.dispatch;
