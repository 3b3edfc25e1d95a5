import type { CategoryModelSummary, ClassifierStatus } from '@fengqiao/shared';
import type { Ctx } from '../../platform/context.js';
import type { StoredLabel, StoredMetrics } from '../../platform/db/schema-text.js';
import { categoryLabel } from '../matters/catalogue.js';
import { referenceDataFor } from '../matters/reference-data.js';
import type { CatalogueCategory } from './labels.js';
import { dataStamp, latestModelRow, trainingState } from './repository.js';

// 智能分类模型 status for the admin page: the model in use with its labels and held-out scores,
// a training in progress (in any process), the last failure, and whether the data moved on.

export interface ModelRowLike {
  id: string;
  trained_at: Date | string;
  trained_by: string | null;
  trained_by_name: string | null;
  trigger: string;
  matter_rows: number;
  imported_rows: number;
  labels: StoredLabel[];
  metrics: StoredMetrics | null;
  train_ms: number;
  model_bytes: number;
}

export function modelSummary(row: ModelRowLike, categories: ReadonlyMap<string, CatalogueCategory>): CategoryModelSummary {
  const names = new Map([...categories.values()].map((c) => [c.code, c.name]));
  return {
    id: row.id,
    trainedAt: new Date(row.trained_at).toISOString(),
    trainedBy: row.trained_by ? { id: row.trained_by, name: row.trained_by_name ?? '' } : null,
    trigger: row.trigger === 'schedule' ? 'schedule' : 'manual',
    rows: { matters: row.matter_rows, imported: row.imported_rows },
    labels: row.labels.map((l) => ({ code: l.code, name: categoryLabel(l.code, names), count: l.count, f1: l.f1 })),
    metrics: row.metrics,
    trainMs: row.train_ms,
    modelBytes: row.model_bytes,
  };
}

export async function getClassifierStatus(ctx: Pick<Ctx, 'db' | 'clock'>, settings: ClassifierStatus['settings']): Promise<ClassifierStatus> {
  const [row, state, stamp, categories] = await Promise.all([latestModelRow(ctx.db), trainingState(ctx.db), dataStamp(ctx.db), referenceDataFor(ctx.db).categories()]);
  const now = ctx.clock.now().getTime();
  // A claim past its lease belongs to a process that died: nothing is training.
  const live = state.holder && state.started_at && state.lease_until && new Date(state.lease_until).getTime() > now;
  return {
    model: row ? modelSummary(row, categories) : null,
    training: live ? { startedAt: new Date(state.started_at!).toISOString(), trigger: state.trigger === 'schedule' ? 'schedule' : 'manual', by: state.started_by_name } : null,
    lastError: state.last_error_at ? { at: new Date(state.last_error_at).toISOString(), code: state.last_error_code ?? 'INTERNAL', message: state.last_error_message ?? '' } : null,
    data: { closedMatters: stamp.matters, imported: stamp.imported, newSinceModel: row ? row.data_stamp !== stamp.stamp : stamp.matters + stamp.imported > 0 },
    settings,
  };
}
