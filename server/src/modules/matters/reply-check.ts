import type { ReplyCheckResult, ReplyFlagCode } from '@fengqiao/shared';
import type { Ctx } from '../../platform/context.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { canSeeMatter, matterRelations, mayTake } from '../../platform/policy/matters.js';
import { requireActor } from '../../platform/policy/policy.js';
import { checkReply, ReplyCorpus } from '../text/reply-check.js';
import { factsOf, loadMatter, type MatterView } from './repository.js';

// 反馈 check for a handling unit: the flags of text/reply-check.ts for a draft reply to this
// matter, with the platform's recent replies as the corpus (formula clauses, copies, IDF).

/** Recent replies read for the corpus, and how long one reading serves. */
const CORPUS_REPLIES = 500;
const CORPUS_TTL_MS = 10 * 60_000;
const corpora = new WeakMap<object, { at: number; corpus: Promise<ReplyCorpus> }>();

async function buildCorpus(db: Kysely<DB>): Promise<ReplyCorpus> {
  const rows = await db
    .selectFrom('matter_events as e')
    .innerJoin('matters as m', 'm.id', 'e.matter_id')
    .select(['m.title', 'm.description', 'e.note'])
    .where('e.action', '=', 'reply')
    .where('e.note', 'is not', null)
    .orderBy('e.id', 'desc')
    .limit(CORPUS_REPLIES)
    .execute();
  const corpus = new ReplyCorpus();
  for (const r of rows) corpus.add({ title: r.title, detail: r.description }, r.note ?? '');
  return corpus;
}

/** The corpus of the last CORPUS_REPLIES replies, rebuilt at most every CORPUS_TTL_MS per database. */
function recentReplies(ctx: Ctx): Promise<ReplyCorpus> {
  const now = Date.now();
  const cached = corpora.get(ctx.db);
  if (cached && now - cached.at < CORPUS_TTL_MS) return cached.corpus;
  const corpus = buildCorpus(ctx.db);
  corpora.set(ctx.db, { at: now, corpus });
  // A failed reading is not kept: the next check tries again.
  corpus.catch(() => corpora.delete(ctx.db));
  return corpus;
}

async function checkAgainst(ctx: Ctx, m: MatterView, text: string): Promise<ReplyCheckResult> {
  return checkReply({ question: { title: m.title, detail: m.description }, reply: text }, { corpus: await recentReplies(ctx) });
}

/** POST /api/matters/:id/reply-check: for whoever may 反馈 on this matter (others: 404 or 403 as for the action). */
export async function checkMatterReply(ctx: Ctx, id: string, text: string): Promise<ReplyCheckResult> {
  const actor = requireActor(ctx.actor);
  const loaded = await loadMatter(ctx.db, id);
  const facts = loaded ? factsOf(loaded.matter, loaded.units) : null;
  if (!loaded || !facts || !canSeeMatter(actor, facts)) throw new AppError('NOT_FOUND', 'Matter not found');
  if (!mayTake('reply', matterRelations(actor, facts))) throw new AppError('FORBIDDEN', 'Only the unit handling this matter checks its reply');
  return checkAgainst(ctx, loaded.matter, text);
}

/** The flag codes a reply is recorded with on its timeline entry (the actor submitted it anyway). */
export async function replyFlagsFor(ctx: Ctx, m: MatterView, text: string): Promise<ReplyFlagCode[]> {
  return (await checkAgainst(ctx, m, text)).flags.map((f) => f.code);
}
