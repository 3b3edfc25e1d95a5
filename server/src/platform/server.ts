import type { FastifyInstance } from 'fastify';
import crypto from 'node:crypto';
import os from 'node:os';
import { modules } from '../modules/index.js';
import { startOutboxWorker } from '../modules/notifications/outbox.js';
import { LogSender } from '../modules/notifications/senders.js';
import { startDeadlineScheduler } from '../modules/matters/scheduler.js';
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

/** Open the database, migrate, load the demo city on first start, and build the HTTP app. */
export async function startServer(config: Config, clock: Clock = systemClock, options: { logger?: boolean } = {}): Promise<RunningServer> {
  const database = await openDatabase(databaseTarget(config));
  try {
    await migrateToLatest(database.db);
    await ensureMatterReferenceData(database.db);
    const cipher = new FieldCipher(loadSecretKey(config.secretKey, config.dataDir));
    if (config.demoCity) {
      const result = await loadDemoCityIfEmpty(database.db, cipher, { seed: config.demoSeed, scale: config.demoScale });
      if (result.loaded) console.log(`demo city loaded: ${result.areas} areas, ${result.orgUnits} units, ${result.users} users`);
    }
    const app = await buildApp({ config, db: database.db, dbKind: database.kind, clock, cipher }, modules, options);
    // Delivers notifications' outbox rows (SMS/WeChat adapters plug in here; the log sender is the default).
    const workerId = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
    const outbox = startOutboxWorker(database.db, [new LogSender(app.log)], { intervalMs: 2000, workerId, clock, log: app.log });
    // 临期/超期 warnings, overdue escalation, default ratings: safe in every process at once.
    const scheduler =
      config.schedulerSeconds > 0
        ? startDeadlineScheduler(database.db, clock, config.schedulerSeconds * 1000, (err) => app.log.error({ err }, 'deadline sweep failed'))
        : null;
    return {
      app,
      database,
      stop: async () => {
        await scheduler?.stop();
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
