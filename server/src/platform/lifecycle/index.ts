// The lifecycle toolkit: every matter, dispute and supervision state change goes through these.
export { assertMayTake, mayAct, targetOf, type Kind, type Rule, type Subject } from './check.js';
export { applySystemTransition, applyTransition, systemAuditor, type Change, type Publish } from './apply.js';
