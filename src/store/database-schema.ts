import type { ColumnType } from 'kysely';

/**
 * The tables, as the query builder sees them. Times are epoch milliseconds, JSON values
 * are text; both read the same on SQLite and PostgreSQL.
 */

/** PostgreSQL returns `bigint` as a string unless told otherwise; the store tells it. */
type EpochMs = ColumnType<number, number, number>;

export interface ProjectsTable {
  id: string;
  name: string;
  created_at: EpochMs;
}

export interface TracesTable {
  project_id: string;
  id: string;
  /** Null until a write says when the trace began; readers fall back to `created_at`. */
  timestamp: EpochMs | null;
  name: string | null;
  user_id: string | null;
  session_id: string | null;
  release: string | null;
  version: string | null;
  environment: string | null;
  tags: string | null;
  metadata: string | null;
  input: string | null;
  output: string | null;
  public: number | null;
  created_at: EpochMs;
  updated_at: EpochMs;
}

export interface ObservationsTable {
  project_id: string;
  id: string;
  trace_id: string;
  parent_observation_id: string | null;
  type: string;
  name: string | null;
  /** Null until a write says when the observation began; readers fall back to `created_at`. */
  start_time: EpochMs | null;
  end_time: EpochMs | null;
  completion_start_time: EpochMs | null;
  level: string | null;
  status_message: string | null;
  version: string | null;
  environment: string | null;
  model: string | null;
  model_parameters: string | null;
  input: string | null;
  output: string | null;
  metadata: string | null;
  usage_details: string | null;
  cost_details: string | null;
  total_cost: number | null;
  prompt_name: string | null;
  prompt_version: number | null;
  created_at: EpochMs;
  updated_at: EpochMs;
}

export interface ApiKeysTable {
  id: string;
  project_id: string;
  public_key: string;
  /** SHA-256 of the secret key, hex; the secret itself is never stored. */
  secret_key_hash: string;
  /** The secret's first and last characters, to tell keys apart in a list. */
  secret_key_hint: string;
  note: string | null;
  /** `admin` or `member`; `member` unless the insert says. */
  role: ColumnType<string, string | undefined, string>;
  created_at: EpochMs;
}

export interface ScoresTable {
  project_id: string;
  id: string;
  trace_id: string | null;
  observation_id: string | null;
  session_id: string | null;
  dataset_run_id: string | null;
  name: string;
  value: number | null;
  string_value: string | null;
  /** NUMERIC, BOOLEAN or CATEGORICAL. */
  data_type: string;
  /** API, EVAL or ANNOTATION. */
  source: string;
  comment: string | null;
  config_id: string | null;
  author_user_id: string | null;
  environment: string | null;
  metadata: string | null;
  timestamp: EpochMs;
  created_at: EpochMs;
  updated_at: EpochMs;
}

/** One immutable prompt version; `prompt` and `config` are JSON text. */
export interface PromptsTable {
  project_id: string;
  name: string;
  version: number;
  id: string;
  /** `text` or `chat`. */
  type: string;
  prompt: string;
  config: string;
  commit_message: string | null;
  created_by: string;
  created_at: EpochMs;
  updated_at: EpochMs;
}

/** A label of a prompt name and the one version it is on. */
export interface PromptLabelsTable {
  project_id: string;
  name: string;
  label: string;
  version: number;
}

export interface PromptTagsTable {
  project_id: string;
  name: string;
  tag: string;
}

/** A reference from a prompt version to another prompt, by label or by version. */
export interface PromptReferencesTable {
  project_id: string;
  parent_name: string;
  parent_version: number;
  child_name: string;
  child_label: string | null;
  child_version: number | null;
}

/** A project's prompt settings; `protected_labels` is a JSON list. */
export interface PromptSettingsTable {
  project_id: string;
  protected_labels: string;
  updated_at: EpochMs;
}

/** A project's own price of a model, as Langfuse's models API defines one. */
export interface ModelPricesTable {
  project_id: string;
  id: string;
  model_name: string;
  /** A regular expression matched against an observation's model, case-insensitively. */
  match_pattern: string;
  /** The price applies to observations that start at or after it; null for always. */
  start_date: EpochMs | null;
  /** TOKENS, CHARACTERS, MILLISECONDS, SECONDS, IMAGES or REQUESTS. */
  unit: string;
  /** JSON object: USD per unit by usage key (`input`, `output`, `total`, ...). */
  prices: string;
  tokenizer_id: string | null;
  tokenizer_config: string | null;
  created_at: EpochMs;
}

/** One ingestion event already applied; a replay of it is acknowledged and skipped. */
export interface IngestionReceiptsTable {
  project_id: string;
  event_id: string;
  created_at: EpochMs;
}

export interface Database {
  projects: ProjectsTable;
  api_keys: ApiKeysTable;
  scores: ScoresTable;
  traces: TracesTable;
  observations: ObservationsTable;
  model_prices: ModelPricesTable;
  ingestion_receipts: IngestionReceiptsTable;
  prompts: PromptsTable;
  prompt_labels: PromptLabelsTable;
  prompt_tags: PromptTagsTable;
  prompt_references: PromptReferencesTable;
  prompt_settings: PromptSettingsTable;
}
