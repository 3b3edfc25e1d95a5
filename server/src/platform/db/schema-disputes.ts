import type { ColumnType, Generated } from 'kysely';

// Kysely's view of the tables from migrations/0011_disputes.ts and 0012_dispute_screening.ts.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** bigint: `pg` reads it as a string, PGlite as a number; readers pass it through Number(). */
type Int8 = ColumnType<string | number, number | bigint, number | bigint>;

export interface DisputeLevelLimitsTable {
  level: string;
  days: number;
  updated_at: Timestamp;
}

export interface DisputeCasesTable {
  id: Generated<string>;
  number: string;
  title: string;
  facts: string;
  source: string;
  type: string;
  matter_id: string | null;
  area_code: string;
  area_path: string;
  address: string;
  amount_fen: ColumnType<string | number | null, number | null, number | null>;
  people_involved: number;
  risk_level: string;
  volatile: boolean;
  mediation_type: string;
  level: string;
  level_area_code: string;
  level_area_path: string;
  unit_id: string | null;
  studio_id: string | null;
  state: string;
  failed_path: string | null;
  agreed_facts: string | null;
  agreement_file_id: string | null;
  level_started_at: Timestamp;
  level_due_at: NullableTimestamp;
  level_overdue_at: NullableTimestamp;
  escalation_count: ColumnType<number, number | undefined, number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  ended_at: NullableTimestamp;
  /** The 滚动排查 report that found the case (0012). */
  screening_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface DisputePartiesTable {
  id: Generated<string>;
  case_id: string;
  seq: number;
  role: string;
  kind: string;
  name_enc: string;
  /** A person's masked name (张**) or an organisation's full name: what screens show. */
  name_shown: string;
  id_number_enc: string | null;
  id_number_masked: string | null;
  phone_enc: string | null;
  phone_masked: string | null;
}

export interface DisputeMediatorsTable {
  id: Generated<Int8>;
  case_id: string;
  user_id: string;
  assigned_at: Timestamp;
  released_at: NullableTimestamp;
}

export interface DisputeSessionsTable {
  id: Generated<string>;
  case_id: string;
  level: string;
  at: Timestamp;
  place: string;
  on_site: boolean;
  participants: ColumnType<string[], string, string>;
  minutes: string | null;
  held_at: NullableTimestamp;
  recorded_by: string | null;
  recorded_by_name: string | null;
  version: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DisputeTermsTable {
  id: Generated<string>;
  case_id: string;
  seq: number;
  text: string;
  due_at: NullableTimestamp;
  performed_at: NullableTimestamp;
  performance_note: string | null;
  overdue_notified_at: NullableTimestamp;
}

export interface DisputeChainStepsTable {
  id: Generated<string>;
  case_id: string;
  seq: number;
  kind: string;
  applied_at: Timestamp;
  institution: string;
  case_number: string | null;
  result: string | null;
  result_at: NullableTimestamp;
  note: string | null;
  attachment_ids: ColumnType<string[], string[] | undefined, string[]>;
  created_by: string | null;
  created_at: Timestamp;
}

export interface DisputeEventsTable {
  id: Generated<Int8>;
  case_id: string;
  at: Timestamp;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  from_state: string | null;
  to_state: string | null;
  level: string;
  note: string | null;
  data: ColumnType<unknown, string | null, never>;
  attachment_ids: ColumnType<string[], string[] | undefined, never>;
}

export interface DisputeScreeningsTable {
  id: Generated<string>;
  grid_code: string;
  grid_path: string;
  /** 'YYYY-MM' */
  period: string;
  found: boolean;
  note: string | null;
  reported_by: string | null;
  reported_by_name: string | null;
  reported_at: Timestamp;
}

export interface DisputeMeetingsTable {
  id: Generated<string>;
  area_code: string;
  area_path: string;
  /** 'YYYY-MM-DD', the local day it was held */
  held_on: string;
  attendees: string;
  created_by: string | null;
  created_by_name: string | null;
  created_at: Timestamp;
}

export interface DisputeMeetingDecisionsTable {
  id: Generated<Int8>;
  meeting_id: string;
  seq: number;
  case_id: string;
  decision: string;
  assignee: string | null;
}

export interface DisputeTables {
  dispute_level_limits: DisputeLevelLimitsTable;
  dispute_cases: DisputeCasesTable;
  dispute_parties: DisputePartiesTable;
  dispute_mediators: DisputeMediatorsTable;
  dispute_sessions: DisputeSessionsTable;
  dispute_terms: DisputeTermsTable;
  dispute_chain_steps: DisputeChainStepsTable;
  dispute_events: DisputeEventsTable;
  dispute_screenings: DisputeScreeningsTable;
  dispute_meetings: DisputeMeetingsTable;
  dispute_meeting_decisions: DisputeMeetingDecisionsTable;
}
