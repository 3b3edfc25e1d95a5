import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  DISPUTE_SYSTEM_TRANSITIONS,
  DISPUTE_TRANSITIONS,
  MATTER_SYSTEM_TRANSITIONS,
  MATTER_TRANSITIONS,
  SUPERVISION_TRANSITIONS,
} from '@fengqiao/shared';
import { describeEachDb } from '../../../test/databases.js';
import { useTestEnv } from '../../../test/test-app.js';
import { AppError } from '../errors.js';
import { applySystemTransition, applyTransition, assertMayTake, systemAuditor, type Change, type Rule } from './index.js';

// The lifecycle toolkit: the one order of checks, and the one transaction (guarded move, rows,
// audit, notifications) with publishing only after it commits.

const KIND = { noun: 'widget', missing: 'Widget not found' };
const RULE: Rule<'open' | 'done', 'owner' | 'system'> = { from: ['open'], to: 'done', by: ['owner'], needsNote: true };
const codeOf = (f: () => void) => {
  try {
    f();
    return null;
  } catch (e) {
    return e instanceof AppError ? `${e.code}: ${e.message}` : String(e);
  }
};

describe('lifecycle tables', () => {
  it('gives the clock its own actions, held by no person, and people none of them', () => {
    const people = [MATTER_TRANSITIONS, DISPUTE_TRANSITIONS, SUPERVISION_TRANSITIONS].flatMap((t) => Object.values(t).map((r) => r.by as readonly string[]));
    expect(people.filter((by) => by.includes('system'))).toEqual([]);
    const clock = [MATTER_SYSTEM_TRANSITIONS, DISPUTE_SYSTEM_TRANSITIONS].flatMap((t) => Object.values(t).map((r) => r.by as readonly string[]));
    expect(clock.every((by) => by.length === 1 && by[0] === 'system')).toBe(true);
    expect(MATTER_SYSTEM_TRANSITIONS.auto_rated).toMatchObject({ from: ['closed'], to: 'rated' });
    expect(DISPUTE_SYSTEM_TRANSITIONS.overdue_escalated).toMatchObject({ from: ['registered', 'mediating'], to: 'registered' });
  });

  it('checks visibility, then state, then who, then the note', () => {
    const open = { number: 'W1', state: 'open' as const };
    expect(codeOf(() => assertMayTake(KIND, null, 'finish', RULE, new Set(['owner'] as const), 'x'))).toBe('NOT_FOUND: Widget not found');
    expect(codeOf(() => assertMayTake(KIND, { number: 'W1', state: 'done' }, 'finish', RULE, new Set(), null))).toBe('CONFLICT: Cannot finish widget W1: it is done (allowed from open)');
    expect(codeOf(() => assertMayTake(KIND, open, 'finish', RULE, new Set(), null))).toBe('FORBIDDEN: Only owner may finish this widget');
    // The clock's relation opens nothing a person asks for.
    expect(codeOf(() => assertMayTake(KIND, open, 'finish', RULE, new Set(['system'] as const), 'x'))).toBe('FORBIDDEN: Only owner may finish this widget');
    expect(codeOf(() => assertMayTake(KIND, open, 'finish', RULE, new Set(['owner'] as const), ' '))).toBe('VALIDATION_FAILED: Say why (finish needs a note)');
    expect(codeOf(() => assertMayTake(KIND, open, 'finish', RULE, new Set(['owner'] as const), '完成'))).toBeNull();
  });
});

describeEachDb('lifecycle toolkit transaction', (kind) => {
  const env = useTestEnv(kind);
  const trail = (id: string) => env().database.db.selectFrom('audit_log').select(['action', 'actor_name', 'request_id']).where('entity_id', '=', id).execute();
  const who = (id: string) => ({ ...systemAuditor(env().deps.clock), requestId: id });
  const change = (id: string, over: Partial<Change>): Change => ({
    move: async () => true,
    write: async () => {},
    audit: { action: 'widget.finish', entity: 'widget', entityId: id },
    notify: async () => ['user-1'],
    ...over,
  });

  it('writes the rows and audit in one transaction and publishes only after it commits', async () => {
    const id = randomUUID();
    const published: string[][] = [];
    await applyTransition(env().database.db, who(id), KIND, { number: 'W1', state: 'open' }, change(id, {}), (u) => published.push(u));
    expect(published).toEqual([['user-1']]);
    expect(await trail(id)).toEqual([{ action: 'widget.finish', actor_name: null, request_id: id }]);
  });

  it('answers a lost race with 409, writing and telling nothing', async () => {
    const id = randomUUID();
    const published: string[][] = [];
    let wrote = false;
    const lost = change(id, { move: async () => false, write: async () => void (wrote = true) });
    const err = await applyTransition(env().database.db, who(id), KIND, { number: 'W2', state: 'open' }, lost, (u) => published.push(u)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('CONFLICT');
    expect((err as AppError).message).toContain('W2 changed while you were working on it');
    expect({ wrote, published, trail: await trail(id) }).toEqual({ wrote: false, published: [], trail: [] });
  });

  it('rolls the audit back and tells nobody when a later write fails', async () => {
    const id = randomUUID();
    const published: string[][] = [];
    const failing = change(id, {
      notify: async () => {
        throw new Error('outbox down');
      },
    });
    await expect(applyTransition(env().database.db, who(id), KIND, { number: 'W3', state: 'open' }, failing, (u) => published.push(u))).rejects.toThrow('outbox down');
    expect({ published, trail: await trail(id) }).toEqual({ published: [], trail: [] });
  });

  it('lets the clock skip quietly when someone got there first', async () => {
    const id = randomUUID();
    const published: string[][] = [];
    expect(await applySystemTransition(env().database.db, who(id), change(id, { move: async () => false }), (u) => published.push(u))).toBe(false);
    expect(await applySystemTransition(env().database.db, who(id), change(id, {}), (u) => published.push(u))).toBe(true);
    expect({ published, trail: await trail(id) }).toEqual({ published: [['user-1']], trail: [{ action: 'widget.finish', actor_name: null, request_id: id }] });
  });
});
