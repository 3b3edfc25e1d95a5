import type { ColumnType, Generated, Selectable } from 'kysely';

// Kysely's view of the tables from migrations/0002_matters.ts.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface CategoriesTable {
  code: string;
  name: string;
  parent_code: string | null;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  sort: ColumnType<number, number | undefined, number>;
}

export interface RoutingRulesTable {
  id: Generated<string>;
  category_code: string;
  area_code: string;
  unit_id: string;
  note: string | null;
  created_at: Timestamp;
}

export interface DeadlineRulesTable {
  id: Generated<string>;
  category_code: string | null;
  urgency: string;
  accept_hours: number;
  handle_days: number;
}

export interface CalendarDaysTable {
  day: ColumnType<string, string, string>;
  kind: 'holiday' | 'workday';
  name: string;
}

export interface MattersTable {
  id: Generated<string>;
  number: string;
  channel: string;
  referral_source: string | null;
  title: string;
  description: string;
  category_code: string | null;
  urgency: string;
  state: string;
  address: string;
  lon: number | null;
  lat: number | null;
  grid_code: string | null;
  area_code: string;
  area_path: string;
  owner_unit_id: string;
  assigned_unit_id: string | null;
  reporter_user_id: string | null;
  anonymous: boolean;
  reporter_name_enc: string | null;
  reporter_contact_enc: string | null;
  reporter_contact_masked: string | null;
  accept_due_at: NullableTimestamp;
  due_at: NullableTimestamp;
  stage_started_at: Timestamp;
  warning: ColumnType<string, string | undefined, string>;
  extension_days: number | null;
  extension_note: string | null;
  extension_requested_at: NullableTimestamp;
  reopen_count: ColumnType<number, number | undefined, number>;
  escalation_count: ColumnType<number, number | undefined, number>;
  rating: string | null;
  rating_comment: string | null;
  merged_into: string | null;
  routing_rule_id: string | null;
  routing_explanation: string | null;
  supervised: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  closed_at: NullableTimestamp;
  rated_at: NullableTimestamp;
  /** Shown in the public feed (migration 0008); only a citizen's own online report may be. */
  public: ColumnType<boolean, boolean | undefined, boolean>;
  /** In the public feed the reporter shows as 匿名 instead of a masked name. */
  public_anonymous: ColumnType<boolean, boolean | undefined, boolean>;
  /** People following the public post (migration 0009), kept with matter_follows in one transaction. */
  follower_count: ColumnType<number, number | undefined, number>;
  /** Moderation (0009): off the public feed, keeps working as a private matter. */
  public_hidden: ColumnType<boolean, boolean | undefined, boolean>;
  public_abuse: ColumnType<boolean, boolean | undefined, boolean>;
  /** Moderation's replacement of the PUBLIC title/description; the original stays for staff. */
  public_title: string | null;
  public_description: string | null;
  public_hidden_photo_ids: ColumnType<string[], string[] | undefined, string[]>;
}

export interface MatterEventsTable {
  id: Generated<number>;
  matter_id: string;
  at: Timestamp;
  actor_id: string | null;
  actor_name: string | null;
  unit_id: string | null;
  unit_name: string | null;
  action: string;
  from_state: string | null;
  to_state: string | null;
  note: string | null;
  data: ColumnType<unknown, string | null, never>;
  attachment_ids: ColumnType<string[], string[] | undefined, never>;
}

export interface MatterUnitsTable {
  matter_id: string;
  unit_id: string;
  role: 'assist' | 'summon';
  due_at: NullableTimestamp;
  reported_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface MatterSupervisionsTable {
  id: Generated<number>;
  matter_id: string;
  by_id: string | null;
  by_name: string;
  note: string;
  due_at: NullableTimestamp;
  at: Timestamp;
}

export interface MatterAlertsTable {
  matter_id: string;
  kind: string;
  deadline_at: Timestamp;
  at: Timestamp;
}

export interface MatterFollowersTable {
  matter_id: string;
  user_id: string;
}

export interface IdempotencyKeysTable {
  actor_key: string;
  key: string;
  matter_id: string;
  created_at: Timestamp;
  /** SHA-256 of the request's canonical body; null for keys stored before migration 0020. */
  fingerprint: string | null;
}

export interface MatterTables {
  categories: CategoriesTable;
  routing_rules: RoutingRulesTable;
  deadline_rules: DeadlineRulesTable;
  calendar_days: CalendarDaysTable;
  matters: MattersTable;
  matter_events: MatterEventsTable;
  matter_units: MatterUnitsTable;
  matter_supervisions: MatterSupervisionsTable;
  matter_alerts: MatterAlertsTable;
  matter_followers: MatterFollowersTable;
  idempotency_keys: IdempotencyKeysTable;
}

export type MatterRow = Selectable<MattersTable>;
