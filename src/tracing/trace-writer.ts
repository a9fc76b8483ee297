import type { Logger } from '../logging/logger.js';
import type { Clock } from '../time/clock.js';
import type { TraceWrite } from './trace-records.js';

export interface TraceWriterOptions {
  /** Writes one batch durably; the store's transaction. */
  writeBatch: (writes: TraceWrite[], now: number) => Promise<void>;
  clock: Clock;
  logger: Logger;
  /** Most writes held in memory; past it, new writes are refused, never dropped silently. */
  maxQueuedWrites: number;
  maxBatchSize: number;
  flushIntervalMs: number;
}

/** Counters of the writer, for `/metrics` and the benchmark. */
export interface TraceWriterStats {
  queued: number;
  written: number;
  refused: number;
  failedBatches: number;
}

interface QueuedWrite {
  write: TraceWrite;
  onDurable?: (error?: Error) => void;
}

/** Raised when the writer's queue is full; ingestion answers 429 with Retry-After. */
export class TraceQueueFullError extends Error {
  constructor() {
    super('The trace queue is full.');
    this.name = 'TraceQueueFullError';
  }
}

/**
 * A bounded queue of trace writes, written in batches off the request path. Callers that
 * must know a write is durable await `write`; the gateway uses `offer`, which never waits.
 */
export class TraceWriter {
  private queue: QueuedWrite[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private closed = false;
  private readonly counters = { written: 0, refused: 0, failedBatches: 0 };

  constructor(private readonly options: TraceWriterOptions) {}

  /** Queues writes without waiting; false when the queue is full and they were refused. */
  offer(writes: TraceWrite[]): boolean {
    if (!this.hasRoomFor(writes.length)) {
      this.counters.refused += writes.length;
      return false;
    }
    for (const write of writes) this.queue.push({ write });
    this.schedule();
    return true;
  }

  /** Queues writes and resolves once they are durable. Throws TraceQueueFullError when full. */
  write(writes: TraceWrite[]): Promise<void> {
    if (writes.length === 0) return Promise.resolve();
    if (!this.hasRoomFor(writes.length)) {
      this.counters.refused += writes.length;
      return Promise.reject(new TraceQueueFullError());
    }
    return new Promise((resolve, reject) => {
      let remaining = writes.length;
      let failure: Error | undefined;
      const onDurable = (error?: Error) => {
        failure ??= error;
        if (--remaining > 0) return;
        if (failure) reject(failure);
        else resolve();
      };
      for (const write of writes) this.queue.push({ write, onDurable });
      this.schedule();
    });
  }

  /** Writes everything queued so far; reads that must see recent writes await it first. */
  async flush(): Promise<void> {
    while (this.queue.length > 0 || this.flushing) {
      if (this.flushing) await this.flushing;
      else await this.startFlush();
    }
  }

  /** Refuses new writes and writes out what is queued. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.flush();
  }

  stats(): TraceWriterStats {
    return { queued: this.queue.length, ...this.counters };
  }

  private hasRoomFor(count: number): boolean {
    return !this.closed && this.queue.length + count <= this.options.maxQueuedWrites;
  }

  private schedule(): void {
    if (this.flushing) return;
    if (this.queue.length >= this.options.maxBatchSize) {
      clearTimeout(this.timer);
      this.timer = undefined;
      void this.startFlush();
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.startFlush();
    }, this.options.flushIntervalMs);
  }

  private startFlush(): Promise<void> {
    if (this.flushing) return this.flushing;
    const batch = this.queue.splice(0, this.batchEnd());
    if (batch.length === 0) return Promise.resolve();
    this.flushing = this.writeBatch(batch).finally(() => {
      this.flushing = undefined;
      if (this.queue.length > 0) this.schedule();
    });
    return this.flushing;
  }

  /**
   * Where the next batch ends: at the size limit, but never inside the writes of one
   * `write` call, so that they commit in one transaction (ingestion receipts rely on it).
   */
  private batchEnd(): number {
    let end = Math.min(this.options.maxBatchSize, this.queue.length);
    const last = this.queue[end - 1]?.onDurable;
    while (last && this.queue[end]?.onDurable === last) end += 1;
    return end;
  }

  private async writeBatch(batch: QueuedWrite[]): Promise<void> {
    let failure: Error | undefined;
    try {
      await this.options.writeBatch(
        batch.map((item) => item.write),
        this.options.clock.now(),
      );
      this.counters.written += batch.length;
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
      this.counters.failedBatches += 1;
      this.options.logger.error({ err: failure, writes: batch.length }, 'trace batch write failed');
    }
    for (const item of batch) item.onDurable?.(failure);
  }
}
