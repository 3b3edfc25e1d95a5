import { hasVisibleText } from '@fengqiao/shared';
import { AppError, conflict, invalid } from '../errors.js';

/** One row of a lifecycle table (shared/src/<thing>/machine.ts). */
export interface Rule<S extends string, R extends string> {
  readonly from: readonly S[];
  readonly to: S | 'same' | 'decided';
  readonly by: readonly R[];
  readonly needsNote?: boolean;
}

/** How the answers name the thing: "Cannot close report S2026…", "Matter not found". */
export interface Kind {
  noun: string;
  missing: string;
}

/** The thing acted on as the checks need it; null when it is missing or the actor may not see it. */
export interface Subject<S extends string> {
  number: string;
  state: S;
}

/** Whether a person holding these relations is one of those the rule names (`system` is held by no person). */
export function mayAct<R extends string>(rule: Rule<string, R>, relations: ReadonlySet<R>): boolean {
  return rule.by.some((by) => relations.has(by));
}

/**
 * The checks every lifecycle makes before it changes anything, in one order: not visible → 404
 * (the same answer as a missing one), the state does not allow it → 409 naming the state, the
 * actor holds none of the relations → 403 naming who may, a needed note missing → 400.
 */
export function assertMayTake<S extends string, R extends string>(
  kind: Kind,
  subject: Subject<S> | null,
  action: string,
  rule: Rule<S, R>,
  relations: ReadonlySet<R>,
  note?: string | null,
): asserts subject is Subject<S> {
  if (!subject) throw new AppError('NOT_FOUND', kind.missing);
  if (!rule.from.includes(subject.state)) {
    throw conflict(`Cannot ${action} ${kind.noun} ${subject.number}: it is ${subject.state} (allowed from ${rule.from.join(', ')})`);
  }
  if (!mayAct(rule, relations)) throw new AppError('FORBIDDEN', `Only ${rule.by.join(' or ')} may ${action} this ${kind.noun}`);
  if (rule.needsNote && note !== undefined && !hasVisibleText(note)) {
    throw invalid(`Say why (${action} needs a note)`, [{ path: 'note', message: 'required for this action' }]);
  }
}

/** The state a step leaves the thing in: `same` keeps it. */
export function targetOf<S extends string>(rule: Rule<S, string>, from: S): S | 'decided' {
  return rule.to === 'same' ? from : rule.to;
}
