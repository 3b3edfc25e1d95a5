import type { ColumnType, Generated } from 'kysely';

// Kysely's view of migration 0014_category_models (modules/classification).
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** jsonb: read as parsed JSON, written as a JSON string. */
type Json<T> = ColumnType<T, string, string>;

export interface StoredLabel {
  code: string;
  count: number;
  f1: number | null;
}

export interface StoredMetrics {
  holdoutRows: number;
  macroF1: number;
  accuracy: number;
  lowConfidenceShare: number;
  confidentAccuracy: number | null;
}

export interface CategoryModelsTable {
  id: Generated<string>;
  /** Storage order: the highest is the model in use. */
  seq: Generated<number>;
  trained_at: Timestamp;
  /** null: the schedule trained it. */
  trained_by: string | null;
  trigger: 'manual' | 'schedule';
  matter_rows: number;
  imported_rows: number;
  /** The training data's change stamp when it was read (repository.dataStamp). */
  data_stamp: string;
  labels: Json<StoredLabel[]>;
  /** null: no rows could be held out. */
  metrics: Json<StoredMetrics | null>;
  train_ms: number;
  model_bytes: number;
  /** serializeModel's JSON. */
  model: string;
}

export interface CategoryTrainingTable {
  id: number;
  holder: string | null;
  trigger: string | null;
  started_by: string | null;
  started_at: NullableTimestamp;
  lease_until: NullableTimestamp;
  last_error_at: NullableTimestamp;
  last_error_code: string | null;
  last_error_message: string | null;
}

export interface CategoryTrainingRowsTable {
  id: Generated<number>;
  external_id: string;
  /** Line of the imported file (header = 1). */
  line: number;
  text: string;
  category_code: string;
  imported_at: Timestamp;
  imported_by: string | null;
}

export interface TextTables {
  category_models: CategoryModelsTable;
  category_training: CategoryTrainingTable;
  category_training_rows: CategoryTrainingRowsTable;
}
