import type { Selectable } from 'kysely';
import type { MatterDetail, MatterListItem, TimelineEntry } from '@fengqiao/shared';
import type { MatterSupervisionsTable } from '../../platform/db/schema-matters.js';
import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { allowedMatterActions, canSeeMatter, matterRelations, mayContactReporter, maySeeReplyFlags } from '../../platform/policy/matters.js';
import { mayModerate } from '../../platform/policy/moderation.js';
import { requireActor } from '../../platform/policy/policy.js';
import type { Actor } from '../../platform/policy/actor.js';
import { attachmentsOf } from '../files/service.js';
import { factsOf, listEvents, loadMatter, type EventRow, type MatterUnitRow, type MatterView } from './repository.js';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export function toListItem(m: MatterView): MatterListItem {
  return {
    id: m.id,
    number: m.number,
    title: m.title,
    channel: m.channel as MatterListItem['channel'],
    state: m.state as MatterListItem['state'],
    urgency: m.urgency as MatterListItem['urgency'],
    categoryCode: m.category_code,
    categoryName: m.category_name,
    address: m.address,
    gridCode: m.grid_code,
    areaName: m.area_name,
    ownerUnit: { id: m.owner_unit_id, name: m.owner_name },
    assignedUnit: m.assigned_unit_id ? { id: m.assigned_unit_id, name: m.assigned_name ?? '' } : null,
    acceptDueAt: iso(m.accept_due_at),
    dueAt: iso(m.due_at),
    warning: m.warning as MatterListItem['warning'],
    supervised: m.supervised,
    public: m.public,
    reopenCount: m.reopen_count,
    createdAt: iso(m.created_at)!,
    updatedAt: iso(m.updated_at)!,
  };
}

async function attachmentsFor(ctx: Ctx, timeline: TimelineEntry[]) {
  const ids = [...new Set(timeline.flatMap((e) => e.attachmentIds))];
  return ids.length ? attachmentsOf(ctx, ids) : [];
}

/** 王小明 → 王** : a reporter's name is shown whole only to those who must call them back. */
function maskName(name: string): string {
  return name.length <= 1 ? '*' : `${name[0]}${'*'.repeat(Math.min(name.length - 1, 3))}`;
}

/** `knownName`: the name in clear when the caller has it (it just encrypted it), so it is not decrypted back. */
function reporterOf(ctx: Ctx, actor: Actor, m: MatterView, units: readonly MatterUnitRow[], knownName?: string | null) {
  const facts = factsOf(m, units);
  const entitled = mayContactReporter(actor, facts);
  const name = m.anonymous || !m.reporter_name_enc ? null : (knownName ?? ctx.cipher.decrypt(m.reporter_name_enc));
  return {
    anonymous: m.anonymous,
    name: name === null ? null : entitled ? name : maskName(name),
    contactMasked: m.anonymous ? null : m.reporter_contact_masked,
    canRevealContact: entitled && !m.anonymous && m.reporter_contact_enc !== null,
    isViewer: matterRelations(actor, facts).has('reporter'),
  };
}

type SupervisionRow = Selectable<MatterSupervisionsTable>;

/** The reply check's flags are dropped for readers the policy keeps them from (maySeeReplyFlags). */
function timelineData(actor: Actor, data: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!data || !('replyFlags' in data) || maySeeReplyFlags(actor)) return data ?? null;
  const { replyFlags: _internal, ...rest } = data;
  return Object.keys(rest).length ? rest : null;
}

/** `known`: rows the caller already has (a matter it just created), so they are not read back. */
export async function toDetail(
  ctx: Ctx,
  actor: Actor,
  m: MatterView,
  units: readonly MatterUnitRow[],
  known?: { events: EventRow[]; supervisions: SupervisionRow[]; reporterName?: string | null },
): Promise<MatterDetail> {
  const [events, supervisions] = known
    ? [known.events, known.supervisions]
    : await Promise.all([listEvents(ctx.db, m.id), ctx.db.selectFrom('matter_supervisions').selectAll().where('matter_id', '=', m.id).orderBy('id').execute()]);
  const timeline: TimelineEntry[] = events.map((e) => ({
    id: Number(e.id),
    at: iso(e.at)!,
    actorName: e.actor_name,
    unitName: e.unit_name,
    action: e.action as TimelineEntry['action'],
    fromState: e.from_state as TimelineEntry['fromState'],
    toState: e.to_state as TimelineEntry['toState'],
    note: e.note,
    data: timelineData(actor, e.data as Record<string, unknown> | null),
    attachmentIds: e.attachment_ids ?? [],
  }));
  return {
    ...toListItem(m),
    description: m.description,
    referralSource: m.referral_source as MatterDetail['referralSource'],
    lon: m.lon,
    lat: m.lat,
    areaCode: m.area_code,
    reporter: reporterOf(ctx, actor, m, units, known?.reporterName),
    routing: m.routing_explanation ? { ruleId: m.routing_rule_id, explanation: m.routing_explanation } : null,
    extensionRequest:
      m.extension_days && m.extension_requested_at ? { days: m.extension_days, note: m.extension_note ?? '', requestedAt: iso(m.extension_requested_at)! } : null,
    rating: m.rating as MatterDetail['rating'],
    ratingComment: m.rating_comment,
    mergedIntoId: m.merged_into,
    assists: units.filter((u) => u.role === 'assist').map((u) => ({ id: u.unit_id, name: u.unit_name })),
    summons: units
      .filter((u) => u.role === 'summon')
      .map((u) => ({ id: u.unit_id, name: u.unit_name, dueAt: iso(u.due_at)!, reportedAt: iso(u.reported_at) })),
    supervisions: supervisions.map((s) => ({ byName: s.by_name, note: s.note, dueAt: iso(s.due_at), at: iso(s.at)! })),
    attachments: await attachmentsFor(ctx, timeline),
    timeline,
    actions: allowedMatterActions(actor, factsOf(m, units)),
    publicity: {
      public: m.public,
      anonymous: m.anonymous || m.public_anonymous,
      hidden: m.public_hidden,
      abuse: m.public_abuse,
      redacted: m.public_title !== null || m.public_description !== null,
      title: m.public_title,
      description: m.public_description,
      hiddenPhotoIds: m.public_hidden_photo_ids ?? [],
    },
    // Only a public post has anything to moderate.
    mayModerate: m.public && mayModerate(actor, factsOf(m, units)),
  };
}

/** A matter as the viewer may see it; out of their sight it answers exactly like a missing one. */
export async function detailFor(ctx: Ctx, id: string): Promise<MatterDetail> {
  const actor = requireActor(ctx.actor);
  const loaded = await loadMatter(ctx.db, id);
  if (!loaded || !canSeeMatter(actor, factsOf(loaded.matter, loaded.units))) throw new AppError('NOT_FOUND', 'Matter not found');
  return toDetail(ctx, actor, loaded.matter, loaded.units);
}

