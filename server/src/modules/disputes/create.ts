import { sql } from 'kysely';
import { AREA_LEVELS, DISPUTE_LEVELS, type AreaLevel, type DisputeCreate, type DisputeDetail, type DisputeLevel } from '@fengqiao/shared';
import { audit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { invalid } from '../../platform/errors.js';
import { canSeeMatter } from '../../platform/policy/matters.js';
import { inScope, requireActor } from '../../platform/policy/policy.js';
import { mediatesOwnIntake } from '../../platform/policy/disputes.js';
import { matterWithFacts } from '../matters/public.js';
import { localDay } from '../matters/calendar/working-time.js';
import { referenceDataFor } from '../matters/reference-data.js';
import { publishAfterCommit } from '../notifications/service.js';
import { lookupArea } from '../territory/public.js';
import { alertAbove, levelEntry, needsAlert } from './escalation.js';
import { levelStaff, notifyDispute, type DisputeNotice } from './notices.js';
import { partyRow } from './parties.js';
import { appendEvents, caseQuery } from './repository.js';
import { linkScreening } from './screening.js';
import { detailFor } from './view.js';

/** Units a mediator may belong to that take a case as a body (the studio or committee is assigned with them). */
const MEDIATING_UNITS = ['studio', 'mediation_committee', 'judicial_office'];

/** The level a case starts at when none is given: its area's own level (a building's case is the grid's). */
function defaultLevel(areaLevel: AreaLevel): DisputeLevel {
  return (DISPUTE_LEVELS as readonly string[]).includes(areaLevel) ? (areaLevel as DisputeLevel) : 'grid';
}


async function areaOf(ctx: Ctx, code: string, level: DisputeLevel | undefined) {
  const actor = requireActor(ctx.actor);
  const area = await lookupArea(ctx.db, code, (p) => inScope(actor, p));
  if (!area) throw invalid('Unknown area', [{ path: 'areaCode', message: 'no such area inside your scope' }]);
  if (area.level === 'city') throw invalid('A case sits in a district or below', [{ path: 'areaCode', message: 'choose the district, street, community or grid of the dispute' }]);
  const chosen = level ?? defaultLevel(area.level as AreaLevel);
  if (AREA_LEVELS.indexOf(chosen) > AREA_LEVELS.indexOf(area.level as AreaLevel)) {
    throw invalid(`A ${chosen}-level case needs an area at or below that level`, [{ path: 'level', message: `the area is a ${area.level}` }]);
  }
  return { area, level: chosen };
}

async function assertMatterVisible(ctx: Ctx, matterId: string): Promise<void> {
  const loaded = await matterWithFacts(ctx.db, matterId);
  if (!loaded || !canSeeMatter(requireActor(ctx.actor), loaded.facts)) {
    throw invalid('The matter was not found', [{ path: 'matterId', message: 'no such matter you may see' }]);
  }
}

/**
 * 受理 a dispute case at its level: parties encrypted, the level's clock started. A mediator who
 * registers a case (a walk-in at their studio, the 流动办公桌) mediates it at once. The level's
 * staff hear of a case nobody mediates yet; a 重大 or 易激化 case alerts the level above at once.
 */
export async function createCase(ctx: Ctx, input: DisputeCreate): Promise<DisputeDetail> {
  const actor = requireActor(ctx.actor);
  const { area, level } = await areaOf(ctx, input.areaCode, input.level);
  if (input.matterId) await assertMatterVisible(ctx, input.matterId);
  const now = ctx.clock.now();
  const calendar = await referenceDataFor(ctx.db).calendar();
  const selfAssigned = mediatesOwnIntake(actor);
  const myUnit = selfAssigned && actor.unitId ? await ctx.db.selectFrom('org_units').select(['id', 'kind']).where('id', '=', actor.unitId).executeTakeFirst() : undefined;
  const studioId = myUnit && MEDIATING_UNITS.includes(myUnit.kind) ? myUnit.id : null;
  const state = selfAssigned ? 'mediating' : 'registered';

  const { id, notified } = await ctx.db.transaction().execute(async (trx) => {
    const entry = await levelEntry(trx, area.path, level, now, calendar);
    if (input.screeningId) await linkScreening(trx, ctx, input.screeningId, area.path);
    const { rows } = await sql<{ n: string | number }>`select nextval('dispute_number_seq') as n`.execute(trx);
    // 纠纷编号: JF, the local (UTC+8) date, a running number: JF2026113000001.
    const number = `JF${localDay(now).replaceAll('-', '')}${String(rows[0]!.n).padStart(5, '0')}`;
    const row = await trx
      .insertInto('dispute_cases')
      .values({
        number,
        title: input.title,
        facts: input.facts,
        source: input.source,
        type: input.type,
        matter_id: input.matterId ?? null,
        screening_id: input.screeningId ?? null,
        area_code: area.code,
        area_path: area.path,
        address: input.address,
        amount_fen: input.amountYuan === undefined ? null : Math.round(input.amountYuan * 100),
        people_involved: input.peopleInvolved ?? input.parties.length,
        risk_level: input.riskLevel,
        volatile: input.volatile,
        mediation_type: input.mediationType,
        ...entry.set,
        studio_id: studioId,
        state,
        created_by: actor.id,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('dispute_parties').values(input.parties.map((p, i) => partyRow(ctx.cipher, row.id, i + 1, p))).execute();
    // A linked public matter's text now masks the parties' names too: its search documents are rebuilt (search/indexer.ts).
    if (input.matterId) await trx.insertInto('matter_search_queue').values({ matter_id: input.matterId }).execute();
    if (selfAssigned) await trx.insertInto('dispute_mediators').values({ case_id: row.id, user_id: actor.id, assigned_at: now }).execute();
    const base = { case_id: row.id, at: now, actor_id: actor.id, actor_name: actor.displayName, level, note: null };
    await appendEvents(trx, [
      { ...base, action: 'created', from_state: null, to_state: 'registered', data: { source: input.source, type: input.type, riskLevel: input.riskLevel, volatile: input.volatile, areaName: area.name, levelArea: entry.area.name } },
      ...(selfAssigned ? [{ ...base, action: 'assign', from_state: 'registered', to_state: 'mediating', data: { mediatorIds: [actor.id], studioId } }] : []),
    ]);
    await audit(trx, ctx, { action: 'dispute.create', entity: 'dispute_case', entityId: row.id, after: { number, source: input.source, type: input.type, level, areaCode: area.code, parties: input.parties.length, screeningId: input.screeningId ?? null } });
    const c = await caseQuery(trx).where('d.id', '=', row.id).executeTakeFirstOrThrow();
    const users: string[] = [];
    const tell = async (event: DisputeNotice['event'], userIds: string[]) => users.push(...(await notifyDispute(trx, ctx.clock, { caseId: row.id, number, title: input.title, event, userIds }, actor.id)));
    if (!selfAssigned) await tell('created', await levelStaff(trx, entry.area.path, entry.unit?.id ?? null));
    if (needsAlert(input.riskLevel, input.volatile)) for (const n of await alertAbove(trx, c, level, now, actor)) await tell(n.event, n.userIds);
    return { id: row.id, notified: users };
  });
  publishAfterCommit(notified);
  return detailFor(ctx, id);
}
