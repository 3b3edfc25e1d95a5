import type { textCheckZhCN } from './textcheck-zh-CN';

// Duplicate hints and the reply check, spread into the en-US dictionary.
export const textCheckEnUS: Record<keyof typeof textCheckZhCN, string> = {
  'dup.scoreHint': 'Likely the same problem: {score}% (text similarity {s}, with distance, time and category)',
  'dup.reason.same_category': 'Same category',
  'dup.reason.same_family': 'Same category group',
  'dup.reason.distance': '{m} m away',
  'dup.reason.same_area': 'Same grid',
  'dup.reason.within_hour': 'Within an hour',
  'dup.reason.hours_before': '{h} h earlier',
  'dup.reason.hours_after': '{h} h later',
  'dup.reason.days_before': '{d} days earlier',
  'dup.reason.days_after': '{d} days later',
  'dup.reason.text': 'Text similarity {s}',
  'dup.hintTitle': 'Possible duplicate: {n} similar open reports nearby',
  'dup.hintDesc': 'Check whether it is the same problem. You can still submit; the dispatcher decides about merging at triage.',
  'replyCheck.title': 'The reply check found {n} issue(s)',
  'replyCheck.hint': 'These are hints: revise the reply, or choose “Submit anyway”.',
  'replyCheck.submitAnyway': 'Submit anyway',
  'replyCheck.copies': '(nearly the same as {n} other replies)',
  'replyCheck.too_short': 'Too short: {chars} characters, fewer than {min}.',
  'replyCheck.boilerplate': 'Mostly letter formula: greetings, receipt, thanks, referral make up {share}%.',
  'replyCheck.off_topic': 'Hardly related to the question; it does not mention:',
  'replyCheck.no_concrete_answer': 'No concrete answer: nothing done or to be done (when, what, result), or only a referral:',
  'replyCheck.no_basis': 'The question asks “{cue}”, but the reply cites no policy, rule, document or finding:',
  'replyCheck.unanswered_questions': 'The question asks {asked} things; the reply takes up {addressed}. Not answered:',
};
