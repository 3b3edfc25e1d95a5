import type { ColumnType, Generated } from 'kysely';

// Kysely's view of migration 0010_open311.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface Open311ApiKeysTable {
  id: Generated<string>;
  name: string;
  /** FieldCipher.lookupHash of the key; the key itself is never stored. */
  key_hash: string;
  prefix: string;
  created_by: string | null;
  created_at: Timestamp;
  revoked_at: NullableTimestamp;
  last_used_at: NullableTimestamp;
}

export interface Open311TokensTable {
  token: string;
  matter_id: string;
  api_key_id: string;
  email_enc: string | null;
  created_at: Timestamp;
}

export interface Open311Tables {
  open311_api_keys: Open311ApiKeysTable;
  open311_tokens: Open311TokensTable;
}
