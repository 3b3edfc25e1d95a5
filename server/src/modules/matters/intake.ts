import { AREA_CODE_LENGTH, type MatterDetail, type MatterIntake } from '@fengqiao/shared';
import type { Ctx } from '../../platform/context.js';
import { maskPhone } from '../../platform/crypto.js';
import { AppError, invalid } from '../../platform/errors.js';
import { mayUseChannel } from '../../platform/policy/matters.js';
import { inScope, requireActor } from '../../platform/policy/policy.js';
import { gridLocatorFor } from '../territory/grid-locator.js';
import { publishAfterCommit } from '../notifications/service.js';
import { assertOwnUploads } from './attachments.js';
import { addWorkingHours } from './calendar/working-time.js';
import { replayedMatterId, requestFingerprint } from './idempotency.js';
import { NOTICES } from './notices.js';
import { insertReportedMatter } from './intake-write.js';
import { matterRecipients } from './notify-matter.js';
import { referenceDataFor } from './reference-data.js';
import type { MatterView } from './repository.js';
import { detailFor, toDetail } from './view.js';

/** 分拨: a centre should triage a new matter within this many working hours. */
export const TRIAGE_HOURS = 2;

async function locate(ctx: Ctx, input: MatterIntake) {
  const actor = requireActor(ctx.actor);
  let gridCode: string | null = null;
  if (input.lon !== undefined && input.lat !== undefined) gridCode = await gridLocatorFor(ctx.db).resolve(input.lon, input.lat);
  const code = gridCode ?? input.areaCode;
  if (!code) throw invalid('The map point lies outside every grid', [{ path: 'lon', message: 'outside every grid: give an areaCode (the community of the address)' }]);
  const area = await referenceDataFor(ctx.db).area(code);
  // Staff report inside their own scope; citizens and Open311 apps may report anywhere in the city.
  if (!area || (input.channel !== 'citizen_online' && input.channel !== 'open311' && !inScope(actor, area.path))) {
    throw invalid('The area of the matter was not found', [{ path: gridCode ? 'lon' : 'areaCode', message: 'not found in your area' }]);
  }
  // A report on a 楼栋 or 单元 still belongs to the grid above it.
  const gridAbove = area.path.split('.').find((code) => code.length === AREA_CODE_LENGTH.grid) ?? null;
  return { area, gridCode: gridCode ?? gridAbove };
}

/**
 * 受理: a matter from any channel. The point resolves to its grid, the grid's 综治中心 owns the
 * matter, triage is due within TRIAGE_HOURS working hours. A retried request with the same
 * Idempotency-Key returns the matter the first one created, never a second one; the same key
 * with a different body is refused (422 IDEMPOTENCY_KEY_REUSED) and writes nothing.
 */
export async function reportMatter(ctx: Ctx, input: MatterIntake, idempotencyKey: string | null): Promise<{ matter: MatterDetail; replayed: boolean }> {
  const actor = requireActor(ctx.actor);
  const ref = referenceDataFor(ctx.db);
  // Independent reads at once (on PostgreSQL they overlap; the reference data is usually cached).
  // A retry is recognised when its Idempotency-Key collides on insert (below), so the first
  // attempt pays no extra look-up; a retry is validated again like the original was.
  const [categories, located, calendar] = await Promise.all([ref.categories(), locate(ctx, input).catch((err: unknown) => err as Error), ref.calendar()]);
  if (!mayUseChannel(actor, input.channel)) {
    throw new AppError('FORBIDDEN', `Your role cannot report through the ${input.channel} channel`);
  }
  if (input.categoryCode && !categories.get(input.categoryCode)?.active) {
    throw invalid('Unknown category', [{ path: 'categoryCode', message: `no active category ${input.categoryCode}` }]);
  }
  if (located instanceof Error) throw located;
  const { area, gridCode } = located;
  await assertOwnUploads(ctx, input.attachmentIds);
  const centre = await ref.centreFor(area.path);
  if (!centre) throw invalid('No 综治中心 serves this area yet', [{ path: 'areaCode', message: 'no centre covers this area' }]);

  const now = ctx.clock.now();
  const selfReported = input.channel === 'citizen_online' || input.channel === 'grid_report';
  const reporterName = input.anonymous ? null : (input.reporterName ?? (selfReported ? actor.displayName : null));
  const onSpot = input.resolvedOnSpot;
  const state = onSpot ? 'replied' : 'pending_triage';
  const acceptDueAt = onSpot ? null : addWorkingHours(now, TRIAGE_HOURS, calendar);

  const notice = onSpot ? NOTICES.reply! : NOTICES.created!;
  // A new matter has no one to tell but its centre (the reporter is the one reporting it).
  const { staff } = await matterRecipients(
    ctx.db,
    ctx.db,
    { matterId: '', number: '', title: input.title, kind: '', body: notice.body, audiences: ['owner'], ownerUnitId: centre.id, assignedUnitId: null, areaPath: area.path, reporterUserId: null },
    actor.id,
  );
  const base = { at: now, actor_id: actor.id, actor_name: actor.displayName, unit_id: actor.unitId, unit_name: null };
  try {
    const { matter: row, events } = await insertReportedMatter(ctx.db, {
      matter: {
        channel: input.channel,
        referral_source: input.referralSource ?? null,
        title: input.title,
        description: input.description,
        category_code: input.categoryCode ?? null,
        urgency: input.urgency,
        state,
        address: input.address,
        lon: input.lon ?? null,
        lat: input.lat ?? null,
        grid_code: gridCode,
        area_code: area.code,
        area_path: area.path,
        owner_unit_id: centre.id,
        assigned_unit_id: onSpot ? (actor.unitId ?? centre.id) : null,
        reporter_user_id: selfReported ? actor.id : null,
        anonymous: input.anonymous,
        reporter_name_enc: reporterName ? ctx.cipher.encrypt(reporterName) : null,
        // Anonymous means nobody can call back: the number is not kept at all.
        reporter_contact_enc: input.contactPhone && !input.anonymous ? ctx.cipher.encrypt(input.contactPhone) : null,
        reporter_contact_masked: input.contactPhone && !input.anonymous ? maskPhone(input.contactPhone) : null,
        accept_due_at: acceptDueAt,
        due_at: null,
        stage_started_at: now,
        warning: 'none',
        extension_days: null,
        extension_note: null,
        extension_requested_at: null,
        reopen_count: 0,
        escalation_count: 0,
        rating: null,
        rating_comment: null,
        merged_into: null,
        routing_rule_id: null,
        routing_explanation: null,
        supervised: false,
        created_at: now,
        updated_at: now,
        closed_at: null,
        rated_at: null,
        public: input.public,
        public_anonymous: input.publicAnonymous,
        follower_count: 0,
        public_hidden: false,
        public_abuse: false,
        public_title: null,
        public_description: null,
        public_hidden_photo_ids: [],
      },
      events: [
        { ...base, action: 'created', from_state: null, to_state: 'pending_triage', note: null, data: { channel: input.channel }, attachment_ids: input.attachmentIds },
        ...(onSpot ? [{ ...base, action: 'resolved_on_spot', from_state: 'pending_triage', to_state: 'replied', note: onSpot, data: null }] : []),
      ],
      idempotency: idempotencyKey ? { actorKey: actor.id, key: idempotencyKey, fingerprint: requestFingerprint(input) } : null,
      audit: {
        at: now,
        actorId: actor.id,
        actorName: actor.displayName,
        requestId: ctx.requestId,
        after: { channel: input.channel, title: input.title, state, areaCode: area.code, ownerUnitId: centre.id },
      },
      notice: { userIds: staff, kind: onSpot ? 'matter.resolved_on_spot' : 'matter.created', title: input.title, body: notice.body, at: now },
    });
    publishAfterCommit(staff);
    if (onSpot) return { matter: await detailFor(ctx, row.id), replayed: false };
    // Everything the new matter's page shows is known here: answer without reading it back.
    const view: MatterView = {
      ...row,
      owner_name: centre.name,
      owner_path: centre.path,
      assigned_name: null,
      category_name: input.categoryCode ? (categories.get(input.categoryCode)?.name ?? null) : null,
      area_name: area.name,
    };
    return { matter: await toDetail(ctx, actor, view, [], { events, supervisions: [], reporterName }), replayed: false };
  } catch (err) {
    // The key is taken (a retry, or two requests with one key raced): the same request answers
    // with the first one's matter, a different one is refused.
    if (idempotencyKey && (err as { code?: string }).code === '23505') {
      const existing = await replayedMatterId(ctx, idempotencyKey, requestFingerprint(input));
      if (existing) return { matter: await detailFor(ctx, existing), replayed: true };
    }
    throw err;
  }
}
