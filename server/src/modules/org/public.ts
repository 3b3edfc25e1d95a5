/** What other modules (users) may ask of org: one unit by its id. Other modules import this file, never org's repository. */
export { findOrgUnit } from './repository.js';
