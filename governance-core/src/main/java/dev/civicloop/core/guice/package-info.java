/** Optional Guice wiring for the engine; needs Guice on the module path only if you use it. */
package dev.civicloop.core.guice;
