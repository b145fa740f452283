/** Members, teams, service tasks and activities. */
package dev.civicloop.members;
