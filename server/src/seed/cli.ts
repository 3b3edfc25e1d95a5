import { parseArgs } from 'node:util';
import { loadConfig } from '../platform/config.js';
import { FieldCipher, loadSecretKey } from '../platform/crypto.js';
import { openDatabase } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { databaseTarget } from '../platform/db/target.js';
import { loadDemoCityIfEmpty } from './load-demo-city.js';

// npm run seed -- [--seed N] [--scale N]: load the demo city into an empty database.
const { values } = parseArgs({ options: { seed: { type: 'string' }, scale: { type: 'string' } } });
const config = loadConfig();
const database = await openDatabase(databaseTarget(config));
try {
  await migrateToLatest(database.db);
  const cipher = new FieldCipher(loadSecretKey(config.secretKey, config.dataDir));
  const started = Date.now();
  const result = await loadDemoCityIfEmpty(database.db, cipher, {
    seed: values.seed ? Number(values.seed) : config.demoSeed,
    scale: values.scale ? Number(values.scale) : config.demoScale,
  });
  console.log(
    result.loaded
      ? `demo city loaded in ${Date.now() - started} ms: ${result.areas} areas, ${result.orgUnits} units, ${result.users} users`
      : 'database already has areas; nothing loaded',
  );
} finally {
  await database.close();
}
