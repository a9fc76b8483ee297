import { Pool } from 'undici';
import type { SerenoTarget } from '../targets/sereno-target.js';
import { ingestionBatch, tracesPerBatch } from './ingestion-batch.js';

export interface IngestionThroughput {
  eventsPerSecond: number;
  acceptedEvents: number;
  rejectedEvents: number;
  /** Answers other than 207 (a 429 when the trace queue is full, for one). */
  failedBatches: number;
  seconds: number;
  connections: number;
  /** Trace-create events accepted: each must be a row in `traces` once Sereno has stopped. */
  acceptedTraces: number;
}

interface IngestionAnswer {
  successes?: unknown[];
  errors?: unknown[];
}

/** True when Sereno serves `POST /api/public/ingestion` (an empty batch is not a 404). */
export async function hasIngestionRoute(sereno: SerenoTarget): Promise<boolean> {
  const response = await fetch(`${sereno.origin}/api/public/ingestion`, {
    method: 'POST',
    headers: { ...sereno.headers, 'content-type': 'application/json' },
    body: JSON.stringify({ batch: [] }),
  });
  await response.arrayBuffer();
  return response.status !== 404;
}

/**
 * Posts Langfuse batches to Sereno from `connections` loops for `seconds` and counts the
 * events it acknowledged: ingestion answers once the batch is durable, so an accepted event
 * is a stored one.
 */
export async function measureIngestion(
  sereno: SerenoTarget,
  seconds: number,
  connections = 8,
): Promise<IngestionThroughput> {
  const pool = new Pool(sereno.origin, { connections, pipelining: 1 });
  const counts = { accepted: 0, rejected: 0, failedBatches: 0, acceptedTraces: 0 };
  const headers = { ...sereno.headers, 'content-type': 'application/json' };
  const started = performance.now();
  const deadline = started + seconds * 1000;

  const loop = async () => {
    while (performance.now() < deadline) {
      const { statusCode, body } = await pool.request({
        path: '/api/public/ingestion',
        method: 'POST',
        headers,
        body: ingestionBatch(),
      });
      const answer = (await body.json().catch(() => ({}))) as IngestionAnswer;
      if (statusCode !== 207 && statusCode !== 200) {
        counts.failedBatches += 1;
        continue;
      }
      counts.accepted += answer.successes?.length ?? 0;
      counts.rejected += answer.errors?.length ?? 0;
      if ((answer.errors?.length ?? 0) === 0) counts.acceptedTraces += tracesPerBatch;
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  const elapsed = (performance.now() - started) / 1000;
  await pool.close();

  return {
    eventsPerSecond: counts.accepted / elapsed,
    acceptedEvents: counts.accepted,
    rejectedEvents: counts.rejected,
    failedBatches: counts.failedBatches,
    seconds: elapsed,
    connections,
    acceptedTraces: counts.acceptedTraces,
  };
}
