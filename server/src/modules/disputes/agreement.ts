import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { DisputeDetail } from '@fengqiao/shared';
import type { Ctx } from '../../platform/context.js';
import { localDay } from '../matters/calendar/working-time.js';
import { registerFileVisibility } from '../files/service.js';
import type { BlobStore } from '../files/storage.js';
import { canSeeDispute } from '../../platform/policy/disputes.js';
import { renderAgreementPdf, type AgreementContent } from './pdf/agreement.js';
import { factsOf, loadCase, type LoadedCase } from './repository.js';
import { runDisputeStep } from './transition.js';

/** 2026-12-10 → 2026年12月10日 (the local day). */
const chineseDate = (at: Date | string) => {
  const [y, m, d] = localDay(new Date(at)).split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
};

async function contentOf(ctx: Ctx, { c, mediators }: LoadedCase): Promise<AgreementContent> {
  const [parties, terms] = await Promise.all([
    ctx.db.selectFrom('dispute_parties').selectAll().where('case_id', '=', c.id).orderBy('seq').execute(),
    ctx.db.selectFrom('dispute_terms').selectAll().where('case_id', '=', c.id).orderBy('seq').execute(),
  ]);
  return {
    number: c.number,
    title: c.mediation_type === 'people' ? '人民调解协议书' : '调解协议书',
    committee: c.studio_name ?? c.unit_name ?? `${c.level_area_name}人民调解委员会`,
    // Masked as on every screen: the copy stored with the case is read by everyone who sees the
    // case; the full names are written in by hand when the parties sign.
    parties: parties.map((p) => ({
      role: p.role === 'applicant' ? '申请人' : '被申请人',
      name: p.name_shown,
      idLabel: p.kind === 'person' ? '身份证号码' : '统一社会信用代码',
      idNumber: p.id_number_masked,
      phone: p.phone_masked,
    })),
    facts: c.agreed_facts ?? c.facts,
    terms: terms.map((t) => ({ text: t.text, due: t.due_at ? chineseDate(t.due_at) : null, performed: t.performed_at ? chineseDate(t.performed_at) : null })),
    mediators: mediators.filter((m) => !m.released_at).map((m) => m.name),
    date: chineseDate(ctx.clock.now()),
  };
}

/**
 * 生成调解协议书: the PDF made from the case as it is now (parties, facts, terms and their
 * performance, signature block, mediators, the committee's seal placeholder), stored as a file
 * with the case; the latest one is the case's agreement, earlier ones stay on the timeline.
 */
export async function generateAgreement(ctx: Ctx, store: BlobStore, id: string): Promise<DisputeDetail> {
  const fileId = crypto.randomUUID();
  return runDisputeStep(ctx, id, 'generate_agreement', {}, async (loaded, actor) => {
    const now = ctx.clock.now();
    const pdf = await renderAgreementPdf(await contentOf(ctx, loaded), now);
    const sha256 = await store.put(pdf);
    return {
      data: { fileId, size: pdf.length },
      files: [fileId],
      write: async (trx) => {
        await trx
          .insertInto('files')
          .values({ id: fileId, sha256, name: `调解协议书-${loaded.c.number}.pdf`, mime: 'application/pdf', size: pdf.length, thumbnail_sha256: null, uploaded_by: actor.id, created_at: now })
          .execute();
        // After the case row is claimed (the step's guard) and the file row exists.
        await trx.updateTable('dispute_cases').set({ agreement_file_id: fileId }).where('id', '=', id).execute();
      },
    };
  });
}

/** A file on a case's timeline (agreements, chain documents, session photos) is readable by whoever sees the case. */
registerFileVisibility(async (ctx, fileId) => {
  const actor = ctx.actor;
  if (!actor) return false;
  const rows = await ctx.db
    .selectFrom('dispute_events')
    .select('case_id')
    .distinct()
    .where(sql<boolean>`attachment_ids @> array[${fileId}]::uuid[]`)
    .limit(20)
    .execute();
  for (const { case_id } of rows) {
    const loaded = await loadCase(ctx.db, case_id);
    if (loaded && canSeeDispute(actor, factsOf(loaded))) return true;
  }
  return false;
});
