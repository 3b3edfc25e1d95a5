/**
 * What other modules (auth, citizens) may ask of users: the login record behind a username or a
 * mobile look-up hash, and the view of a signed-in user. Other modules import this file, never
 * users' repository.
 */
export { findUserForLogin, findUserForLoginByPhoneLookup, findUserView } from './repository.js';
