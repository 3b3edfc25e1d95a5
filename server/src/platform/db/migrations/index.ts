import type { Migration } from 'kysely/migration';
import * as m0001 from './0001_platform.js';

// Migrations are listed here (not read from disk) so they run the same under tsx, vitest and a bundle.
export const migrations: Record<string, Migration> = {
  '0001_platform': m0001,
};
