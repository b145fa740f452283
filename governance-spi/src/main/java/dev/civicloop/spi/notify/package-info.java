/** Notification contract: what the loop owes whom, and the notifier that delivers it. */
package dev.civicloop.spi.notify;
