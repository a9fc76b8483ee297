/**
 * Traces and observations as Sereno writes them, in Langfuse's data model. A field left
 * undefined means "not said": a later write of the same id keeps what an earlier one set.
 */

export const observationTypes = [
  'SPAN',
  'GENERATION',
  'EVENT',
  'AGENT',
  'TOOL',
  'CHAIN',
  'RETRIEVER',
  'EMBEDDING',
  'EVALUATOR',
  'GUARDRAIL',
] as const;

export type ObservationType = (typeof observationTypes)[number];
export type ObservationLevel = 'DEBUG' | 'DEFAULT' | 'WARNING' | 'ERROR';

export interface TraceRecord {
  projectId: string;
  id: string;
  /** Epoch milliseconds. */
  timestamp?: number;
  name?: string;
  userId?: string;
  sessionId?: string;
  release?: string;
  version?: string;
  environment?: string;
  tags?: string[];
  metadata?: unknown;
  input?: unknown;
  output?: unknown;
  public?: boolean;
}

export interface ObservationRecord {
  projectId: string;
  id: string;
  traceId: string;
  type: ObservationType;
  parentObservationId?: string;
  name?: string;
  startTime?: number;
  endTime?: number;
  completionStartTime?: number;
  level?: ObservationLevel;
  statusMessage?: string;
  version?: string;
  environment?: string;
  model?: string;
  modelParameters?: Record<string, unknown>;
  input?: unknown;
  output?: unknown;
  metadata?: unknown;
  usageDetails?: Record<string, number>;
  costDetails?: Record<string, number>;
  totalCost?: number;
  promptName?: string;
  promptVersion?: number;
}

export type ScoreDataType = 'NUMERIC' | 'BOOLEAN' | 'CATEGORICAL';
export type ScoreSource = 'API' | 'EVAL' | 'ANNOTATION';

/** A score: a number, a boolean (1 or 0) or a category, judging a trace, observation or session. */
export interface ScoreRecord {
  projectId: string;
  id: string;
  name: string;
  dataType: ScoreDataType;
  source: ScoreSource;
  traceId?: string;
  observationId?: string;
  sessionId?: string;
  datasetRunId?: string;
  /** The numeric value; 1 or 0 for booleans; a category's mapped value when configured. */
  value?: number;
  /** The category, or "True"/"False" for booleans. */
  stringValue?: string;
  comment?: string;
  configId?: string;
  authorUserId?: string;
  environment?: string;
  metadata?: unknown;
  timestamp?: number;
}

/** An ingestion event already applied, stored with the event's data in one transaction. */
export interface IngestionReceiptRecord {
  projectId: string;
  /** The event's own id, not the id of the trace, observation or score it carries. */
  eventId: string;
}

export type TraceWrite =
  | { kind: 'trace'; record: TraceRecord }
  | { kind: 'observation'; record: ObservationRecord }
  | { kind: 'score'; record: ScoreRecord }
  | { kind: 'receipt'; record: IngestionReceiptRecord };
