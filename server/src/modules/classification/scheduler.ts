import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { Config } from '../../platform/config.js';
import type { DB } from '../../platform/db/schema.js';
import { startPeriodic } from '../../platform/periodic.js';
import { retrainIfDue, stopTrainings } from './training.js';

/** How often a process asks whether a retrain is due (cheap: two counts and an index probe). */
const CHECK_MS = 3600_000;

/**
 * Scheduled retraining (CLASSIFIER_RETRAIN_HOURS; 0 = off): every hour each process asks
 * retrainIfDue, which trains when the model is that old and the data changed, or when there is
 * no model yet and enough data. Safe in every process at once (the training lease).
 */
export function startClassifierRetrain(db: Kysely<DB>, clock: Clock, config: Pick<Config, 'classifierRetrainHours' | 'classifierMinExamples'>, log: (err: unknown) => void) {
  if (config.classifierRetrainHours <= 0) return null;
  const ctx = { db, clock, actor: null, requestId: 'classifier-schedule' };
  const periodic = startPeriodic(() => retrainIfDue(ctx, { retrainHours: config.classifierRetrainHours, minExamples: config.classifierMinExamples }), CHECK_MS, log);
  return {
    // A scheduled training in progress is stopped rather than waited for: shutting down stays quick.
    stop: async () => {
      await stopTrainings(db);
      await periodic.stop();
    },
  };
}
