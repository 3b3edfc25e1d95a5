import type { Migration } from 'kysely/migration';
import * as m0001 from './0001_platform.js';
import * as m0002 from './0002_matters.js';
import * as m0003 from './0003_files_notifications.js';
import * as m0004 from './0004_matter_read_indexes.js';
import * as m0005 from './0005_report_matter_function.js';
import * as m0006 from './0006_citizen_accounts.js';
import * as m0007 from './0007_contacts.js';
import * as m0008 from './0008_public_matters.js';
import * as m0009 from './0009_public_interaction.js';
import * as m0010 from './0010_open311.js';
import * as m0011 from './0011_disputes.js';
import * as m0012 from './0012_dispute_screening.js';
import * as m0013 from './0013_matter_number_overflow.js';
import * as m0014 from './0014_category_models.js';
import * as m0015 from './0015_matter_search.js';
import * as m0016 from './0016_hot_issue_alerts.js';
import * as m0017 from './0017_report_matters_batch.js';
import * as m0018 from './0018_report_matters_set.js';
import * as m0019 from './0019_login_throttle.js';
import * as m0020 from './0020_idempotency_fingerprint.js';

// Migrations are listed here (not read from disk) so they run the same under tsx, vitest and a bundle.
export const migrations: Record<string, Migration> = {
  '0001_platform': m0001,
  '0002_matters': m0002,
  '0003_files_notifications': m0003,
  '0004_matter_read_indexes': m0004,
  '0005_report_matter_function': m0005,
  '0006_citizen_accounts': m0006,
  '0007_contacts': m0007,
  '0008_public_matters': m0008,
  '0009_public_interaction': m0009,
  '0010_open311': m0010,
  '0011_disputes': m0011,
  '0012_dispute_screening': m0012,
  '0013_matter_number_overflow': m0013,
  '0014_category_models': m0014,
  '0015_matter_search': m0015,
  '0016_hot_issue_alerts': m0016,
  '0017_report_matters_batch': m0017,
  '0018_report_matters_set': m0018,
  '0019_login_throttle': m0019,
  '0020_idempotency_fingerprint': m0020,
};
