import type { ColumnType, Generated } from 'kysely';

// Kysely's view of migration 0015_matter_search (modules/search).
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface MatterSearchTable {
  matter_id: string;
  /** tsvector, written as a literal by search/tokens.ts. */
  tokens: string;
  /** tsvector of the redacted public text; null unless the matter is public. */
  public_tokens: string | null;
  indexed_at: Timestamp;
}

export interface MatterSearchQueueTable {
  id: Generated<number>;
  matter_id: string;
  queued_at: Generated<Date>;
}

export interface MatterSearchStateTable {
  id: number;
  /** Every matter created before this has its matter_search row; null before the first sweep. */
  indexed_before: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

export interface SearchTables {
  matter_search: MatterSearchTable;
  matter_search_queue: MatterSearchQueueTable;
  matter_search_state: MatterSearchStateTable;
}
