import type { FastifyInstance } from 'fastify';
import crypto from 'node:crypto';
import os from 'node:os';
import { modules } from '../modules/index.js';
import { startOutboxWorker } from '../modules/notifications/outbox.js';
import { LogSender, LogSmsSender } from '../modules/notifications/senders.js';
import { startDeadlineScheduler } from '../modules/matters/scheduler.js';
import { startDisputeScheduler } from '../modules/disputes/scheduler.js';
import { startHotIssueAlerts } from '../modules/hot-issues/alerts.js';
import { startSearchIndexer } from '../modules/search/indexer.js';
import { startClassifierRetrain } from '../modules/classification/scheduler.js';
import { ensureMatterReferenceData } from '../modules/matters/seed-reference.js';
import { loadDemoCityIfEmpty } from '../seed/load-demo-city.js';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import { FieldCipher, loadSecretKey } from './crypto.js';
import { openDatabase, type Database } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { databaseTarget } from './db/target.js';
import { buildApp } from './http/app.js';

export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  stop(): Promise<void>;
}

/** Migrate, load the reference data and (on first start) the demo city. */
export async function prepareDatabase(db: Database['db'], config: Config, cipher: FieldCipher): Promise<void> {
  await migrateToLatest(db);
  await ensureMatterReferenceData(db);
  if (config.demoCity) {
    const result = await loadDemoCityIfEmpty(db, cipher, { seed: config.demoSeed, scale: config.demoScale });
    if (result.loaded) console.log(`demo city loaded: ${result.areas} areas, ${result.orgUnits} units, ${result.users} users`);
  }
}

/** Run prepareDatabase once in the primary process, before the workers start (WORKERS > 1). */
export async function prepareOnce(config: Config): Promise<void> {
  const database = await openDatabase(databaseTarget(config));
  try {
    await prepareDatabase(database.db, config, new FieldCipher(loadSecretKey(config.secretKey, config.dataDir)));
  } finally {
    await database.close();
  }
}

/** Open the database, prepare it (unless a primary process already did), and build the HTTP app. */
export async function startServer(
  config: Config,
  clock: Clock = systemClock,
  options: { logger?: boolean; prepared?: boolean } = {},
): Promise<RunningServer> {
  const database = await openDatabase(databaseTarget(config), { max: config.publicDbPool, statementTimeoutMs: config.publicDbTimeoutMs });
  try {
    const cipher = new FieldCipher(loadSecretKey(config.secretKey, config.dataDir));
    if (!options.prepared) await prepareDatabase(database.db, config, cipher);
    const app = await buildApp({ config, db: database.db, publicDb: database.publicDb, dbKind: database.kind, clock, cipher }, modules, { logger: options.logger });
    // Delivers notifications' outbox rows (SMS/WeChat adapters plug in here; the log sender is the default).
    const workerId = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
    const outbox = startOutboxWorker(database.db, [new LogSender(app.log), new LogSmsSender(app.log, cipher)], { intervalMs: 2000, workerId, clock, log: app.log });
    // 临期/超期 warnings, overdue escalation, default ratings: safe in every process at once.
    const scheduler =
      config.schedulerSeconds > 0
        ? startDeadlineScheduler(database.db, clock, config.schedulerSeconds * 1000, (err) => app.log.error({ err }, 'deadline sweep failed'))
        : null;
    // Dispute cases past their level's time limit move up one level; same interval, same safety.
    const disputeScheduler =
      config.schedulerSeconds > 0
        ? startDisputeScheduler(database.db, clock, config.schedulerSeconds * 1000, (err) => app.log.error({ err }, 'dispute sweep failed'))
        : null;
    // 热点 early warning: each crossing of a threshold is told once (a unique alert row), in every process at once.
    const hotIssueAlerts =
      config.hotIssueSeconds > 0
        ? startHotIssueAlerts(database.db, clock, config.hotIssueSeconds * 1000, (err) => app.log.error({ err }, 'hot issue sweep failed'))
        : null;
    // Full-text search: indexes matters after their commits and backfills on start; safe in every process at once.
    const searchIndexer =
      config.searchIndexSeconds > 0
        ? startSearchIndexer(database.db, cipher, clock, config.searchIndexSeconds * 1000, (err) => app.log.error({ err }, 'search indexing failed'))
        : null;
    // The category classifier retrains when matters were closed since its model (one process trains).
    const classifierRetrain = startClassifierRetrain(database.db, clock, config, (err) => app.log.error({ err }, 'classifier retrain failed'));
    return {
      app,
      database,
      stop: async () => {
        await scheduler?.stop();
        await disputeScheduler?.stop();
        await hotIssueAlerts?.stop();
        await searchIndexer?.stop();
        await classifierRetrain?.stop();
        await outbox.stop();
        await app.close();
        await database.close();
      },
    };
  } catch (err) {
    await database.close();
    throw err;
  }
}
