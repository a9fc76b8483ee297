import type {
  ObservationRecord,
  ScoreDataType,
  ScoreRecord,
  TraceRecord,
} from '../trace-records.js';
import type { UsageUnit } from './ingestion-schema.js';
import { normalizeUsage } from './normalize-usage.js';
import type { IngestionEvent } from './parse-event.js';

type EventOf<K extends IngestionEvent['kind']> = Extract<IngestionEvent, { kind: K }>;

/** An observation as its event says it, before its trace and type are settled. */
export interface ObservationDraft {
  record: Omit<ObservationRecord, 'traceId'> & { traceId?: string };
  isUpdate: boolean;
  eventId: string;
  /** The unit of its usage, when it is not tokens. */
  unit?: UsageUnit;
}

/** `null` reads as "not said": a later write of the same id keeps what was stored. */
function given(value: unknown): unknown {
  return value === null ? undefined : value;
}

/** A trace-create event as a trace record; a create without a time takes the event's. */
export function traceRecordOf(event: EventOf<'trace'>, projectId: string): TraceRecord {
  const { body } = event;
  return {
    projectId,
    id: body.id ?? event.eventId,
    timestamp: body.timestamp ?? event.timestamp,
    name: body.name,
    userId: body.userId,
    sessionId: body.sessionId,
    release: body.release,
    version: body.version,
    environment: body.environment,
    tags: body.tags,
    metadata: given(body.metadata),
    input: given(body.input),
    output: given(body.output),
    public: body.public,
  };
}

function modelParametersOf(
  parameters: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  if (!parameters) return undefined;
  return Object.fromEntries(Object.entries(parameters).filter(([, value]) => value !== null));
}

/** An observation event as a draft; a create without a start time starts at the event's time. */
export function observationDraftOf(
  event: EventOf<'observation'>,
  projectId: string,
): ObservationDraft {
  const { body } = event;
  const usage = normalizeUsage(body);
  const record: ObservationDraft['record'] = {
    projectId,
    id: body.id ?? event.eventId,
    traceId: body.traceId,
    type: event.type,
    parentObservationId: body.parentObservationId,
    name: body.name,
    startTime: body.startTime ?? (event.isUpdate ? undefined : event.timestamp),
    endTime: body.endTime,
    completionStartTime: body.completionStartTime,
    level: body.level,
    statusMessage: body.statusMessage,
    version: body.version,
    environment: body.environment,
    model: body.model,
    modelParameters: modelParametersOf(body.modelParameters),
    input: given(body.input),
    output: given(body.output),
    metadata: given(body.metadata),
    usageDetails: usage.usageDetails,
    costDetails: usage.costDetails,
    totalCost: usage.totalCost,
    promptName: body.promptName,
    promptVersion: body.promptVersion,
  };
  const unit = usage.unit && usage.unit !== 'TOKENS' ? usage.unit : undefined;
  return { record, isUpdate: event.isUpdate, eventId: event.eventId, unit };
}

function dataTypeOf(value: number | string, declared: ScoreDataType | undefined): ScoreDataType {
  return declared ?? (typeof value === 'string' ? 'CATEGORICAL' : 'NUMERIC');
}

/**
 * A score-create event as a score record, at the event's time: a boolean keeps 1 or 0 and
 * reads "True" or "False"; a category keeps its text, with no number since Sereno has no
 * score configs to map it.
 */
export function scoreRecordOf(event: EventOf<'score'>, projectId: string): ScoreRecord {
  const { body } = event;
  const dataType = dataTypeOf(body.value, body.dataType);
  const record: ScoreRecord = {
    projectId,
    id: body.id ?? event.eventId,
    name: body.name,
    dataType,
    source: body.source ?? 'API',
    traceId: body.traceId,
    observationId: body.observationId,
    sessionId: body.sessionId,
    datasetRunId: body.datasetRunId,
    comment: body.comment,
    configId: body.configId,
    environment: body.environment,
    metadata: given(body.metadata),
    timestamp: event.timestamp,
  };
  if (dataType === 'CATEGORICAL') record.stringValue = String(body.value);
  else record.value = Number(body.value);
  if (dataType === 'BOOLEAN') record.stringValue = body.value === 1 ? 'True' : 'False';
  return record;
}
