import { parseJsonColumn } from '../store/parse-json-column.js';
import type {
  ObservationRow,
  ScoreRow,
  TraceRow,
  TraceWithObservations,
} from './trace-repository.js';

/**
 * Stored rows in the shapes of Langfuse's public API, so that its SDKs and tools read
 * Sereno's traces unchanged.
 */

/** A JSON column as Langfuse shows it: null when it holds nothing. */
function parseJson(text: string | null): unknown {
  return parseJsonColumn(text) ?? null;
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(Number(ms)).toISOString();
}

function seconds(fromMs: number | null, toMs: number | null): number | null {
  return fromMs === null || toMs === null ? null : (Number(toMs) - Number(fromMs)) / 1000;
}

export function traceView(row: TraceRow) {
  return {
    id: row.id,
    projectId: row.project_id,
    timestamp: iso(row.timestamp ?? row.created_at),
    name: row.name,
    input: parseJson(row.input),
    output: parseJson(row.output),
    sessionId: row.session_id,
    release: row.release,
    version: row.version,
    userId: row.user_id,
    metadata: parseJson(row.metadata),
    tags: (parseJson(row.tags) as string[] | null) ?? [],
    public: Boolean(row.public),
    environment: row.environment ?? 'default',
    htmlPath: `/project/${encodeURIComponent(row.project_id)}/traces/${encodeURIComponent(row.id)}`,
  };
}

export function observationView(row: ObservationRow) {
  const usageDetails = (parseJson(row.usage_details) as Record<string, number> | null) ?? {};
  const costDetails = (parseJson(row.cost_details) as Record<string, number> | null) ?? {};
  const input =
    (usageDetails.input ?? 0) +
    (usageDetails.input_cache_read ?? 0) +
    (usageDetails.input_cache_creation ?? 0);
  const output = (usageDetails.output ?? 0) + (usageDetails.output_reasoning ?? 0);
  const total = usageDetails.total ?? input + output;
  const inputCost =
    (costDetails.input ?? 0) +
    (costDetails.input_cache_read ?? 0) +
    (costDetails.input_cache_creation ?? 0);
  const outputCost = (costDetails.output ?? 0) + (costDetails.output_reasoning ?? 0);
  const totalCost = row.total_cost ?? costDetails.total ?? 0;
  return {
    id: row.id,
    projectId: row.project_id,
    traceId: row.trace_id,
    parentObservationId: row.parent_observation_id,
    type: row.type,
    name: row.name,
    startTime: iso(row.start_time ?? row.created_at),
    endTime: iso(row.end_time),
    completionStartTime: iso(row.completion_start_time),
    model: row.model,
    modelParameters: parseJson(row.model_parameters) ?? {},
    input: parseJson(row.input),
    output: parseJson(row.output),
    metadata: parseJson(row.metadata),
    level: row.level ?? 'DEFAULT',
    statusMessage: row.status_message,
    version: row.version,
    environment: row.environment ?? 'default',
    promptId: null,
    promptName: row.prompt_name,
    promptVersion: row.prompt_version,
    // Sereno prices calls from its own table and keeps no per-unit price on the row.
    modelId: null,
    inputPrice: null,
    outputPrice: null,
    usage: { input, output, total, unit: 'TOKENS', inputCost, outputCost, totalCost },
    usageDetails,
    costDetails,
    promptTokens: input,
    completionTokens: output,
    totalTokens: total,
    calculatedInputCost: inputCost,
    calculatedOutputCost: outputCost,
    calculatedTotalCost: totalCost,
    totalPrice: totalCost,
    latency: seconds(row.start_time ?? row.created_at, row.end_time),
    timeToFirstToken: seconds(row.start_time ?? row.created_at, row.completion_start_time),
  };
}

/** A score as Langfuse's API shows it; the value's fields depend on its data type. */
export function scoreView(row: ScoreRow) {
  return {
    id: row.id,
    projectId: row.project_id,
    traceId: row.trace_id,
    observationId: row.observation_id,
    sessionId: row.session_id,
    datasetRunId: row.dataset_run_id,
    name: row.name,
    value: row.value,
    stringValue: row.string_value ?? undefined,
    dataType: row.data_type,
    source: row.source,
    comment: row.comment,
    configId: row.config_id,
    authorUserId: row.author_user_id,
    environment: row.environment ?? 'default',
    metadata: parseJson(row.metadata),
    timestamp: iso(row.timestamp),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

type TimedTrace = Pick<TraceRow, 'timestamp' | 'created_at'>;
type TimedObservation = Pick<ObservationRow, 'start_time' | 'end_time' | 'created_at'>;

/** A trace's latency in seconds: from the first start to the last end, its own time included. */
export function traceSpan(trace: TimedTrace, observations: readonly TimedObservation[]): number {
  const startOf = (o: TimedObservation) => Number(o.start_time ?? o.created_at);
  let first = Number(trace.timestamp ?? trace.created_at);
  let last = first;
  // A loop, not Math.min(...list): a trace may hold more observations than a call takes arguments.
  for (const observation of observations) {
    first = Math.min(first, startOf(observation));
    last = Math.max(last, Number(observation.end_time ?? startOf(observation)));
  }
  return (last - first) / 1000;
}

/** `GET /api/public/traces/{id}`: the trace with its observations, scores, latency and cost. */
export function traceWithDetailsView({ trace, observations, scores }: TraceWithObservations) {
  const totalCost = observations.reduce((sum, o) => sum + (o.total_cost ?? 0), 0);
  return {
    ...traceView(trace),
    latency: traceSpan(trace, observations),
    totalCost,
    observations: observations.map(observationView),
    scores: scores.map(scoreView),
  };
}
