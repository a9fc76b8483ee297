import { randomUUID } from 'node:crypto';

/** One ingestion event as the Langfuse SDKs put it in a batch. */
export interface RawEvent {
  id: string;
  type: string;
  timestamp: string;
  body: Record<string, unknown>;
  metadata?: unknown;
}

/** An event with a fresh event id, stamped at `at` (ISO) or now. */
export function event(type: string, body: Record<string, unknown>, at?: string): RawEvent {
  return { id: randomUUID(), type, timestamp: at ?? new Date().toISOString(), body };
}

export function basicAuth(publicKey: string, secretKey: string): string {
  return `Basic ${Buffer.from(`${publicKey}:${secretKey}`).toString('base64')}`;
}

export interface IngestionAnswer {
  successes: { id: string; status: number }[];
  errors: { id: string; status: number; message: string; error: string }[];
}

/** Posts a batch (or any body) to a Sereno's ingestion route. */
export async function postBatch(
  baseUrl: string,
  authorization: string,
  body: unknown,
): Promise<{ status: number; headers: Headers; body: IngestionAnswer }> {
  const response = await fetch(`${baseUrl}/api/public/ingestion`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as IngestionAnswer,
  };
}

export interface TraceView {
  id: string;
  name: string | null;
  timestamp: string;
  input: unknown;
  output: unknown;
  userId: string | null;
  sessionId: string | null;
  tags: string[];
  metadata: unknown;
  release: string | null;
  version: string | null;
  environment: string;
  totalCost: number;
  observations: ObservationView[];
  scores: {
    id: string;
    name: string;
    value: number | null;
    stringValue?: string;
    dataType: string;
    observationId: string | null;
    comment: string | null;
  }[];
}

export interface ObservationView {
  id: string;
  traceId: string;
  type: string;
  name: string | null;
  parentObservationId: string | null;
  startTime: string;
  endTime: string | null;
  completionStartTime: string | null;
  model: string | null;
  input: unknown;
  output: unknown;
  metadata: unknown;
  level: string;
  statusMessage: string | null;
  usageDetails: Record<string, number>;
  costDetails: Record<string, number>;
  calculatedTotalCost: number;
  modelParameters: Record<string, unknown>;
  promptName: string | null;
  promptVersion: number | null;
}

/** `GET /api/public/traces/{id}`: the status, and the trace when there is one. */
export async function readTrace(
  baseUrl: string,
  authorization: string,
  traceId: string,
): Promise<{ status: number; trace: TraceView }> {
  const response = await fetch(`${baseUrl}/api/public/traces/${encodeURIComponent(traceId)}`, {
    headers: { authorization },
  });
  return { status: response.status, trace: (await response.json()) as TraceView };
}
