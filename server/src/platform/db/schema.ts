import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { MatterTables } from './schema-matters.js';
import type { FilesNotificationsTables } from './schema-files-notifications.js';
import type { CitizenTables } from './schema-citizens.js';
import type { ContactsTables } from './schema-contacts.js';
import type { PublicInteractionTables } from './schema-public.js';
import type { Open311Tables } from './schema-open311.js';
import type { DisputeTables } from './schema-disputes.js';
import type { TextTables } from './schema-text.js';
import type { SearchTables } from './schema-search.js';
import type { HotIssueTables } from './schema-hot-issues.js';
import type { ThrottleTables } from './schema-throttle.js';

// Kysely's view of the tables created by migrations/. Keep in step with them.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;

export interface AreasTable {
  code: string;
  name: string;
  level: string;
  parent_code: string | null;
  /** Dot-joined codes from the root down to this node, for subtree scope checks. */
  path: string;
  depth: number;
  geometry: ColumnType<unknown | null, string | null, string | null>;
  min_lon: number | null;
  min_lat: number | null;
  max_lon: number | null;
  max_lat: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OrgUnitsTable {
  id: Generated<string>;
  name: string;
  kind: string;
  area_code: string;
  parent_id: string | null;
  categories: ColumnType<string[], string[] | undefined, string[]>;
  phone: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UsersTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  password_hash: string;
  roles: ColumnType<string[], string[], string[]>;
  unit_id: string | null;
  scope_area_code: string;
  phone_enc: string | null;
  phone_masked: string | null;
  /** FieldCipher.lookupHash of the mobile number (citizen accounts log in with it); migration 0006. */
  phone_lookup: ColumnType<string | null, string | null | undefined, string | null>;
  disabled: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  kind: 'cookie' | 'bearer';
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity: string;
  entity_id: string;
  before: Json | null;
  after: Json | null;
  request_id: string | null;
}

export interface DB extends MatterTables, FilesNotificationsTables, ContactsTables, CitizenTables, PublicInteractionTables, Open311Tables, DisputeTables, TextTables, SearchTables, HotIssueTables, ThrottleTables {
  areas: AreasTable;
  org_units: OrgUnitsTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
}

export type AreaRow = Selectable<AreasTable>;
export type NewArea = Insertable<AreasTable>;
export type AreaPatch = Updateable<AreasTable>;
export type OrgUnitRow = Selectable<OrgUnitsTable>;
export type UserRow = Selectable<UsersTable>;
