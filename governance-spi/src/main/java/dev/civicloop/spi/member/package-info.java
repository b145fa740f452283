/**
 * The members SPI: event streams for members, teams, service tasks and activities
 * ({@link dev.civicloop.spi.member.MemberStore}), kept apart from the personal data that may be
 * erased ({@link dev.civicloop.spi.member.PersonalData}), and the
 * {@link dev.civicloop.spi.member.IdentityVerifier} a city plugs its real-name check into.
 */
package dev.civicloop.spi.member;
