import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../time/clock.js';
import type { TraceWrite } from './trace-records.js';
import { TraceQueueFullError, TraceWriter } from './trace-writer.js';

function trace(id: string): TraceWrite {
  return { kind: 'trace', record: { projectId: 'p', id } };
}

function writerWith(batches: string[][], options: { maxQueuedWrites?: number } = {}) {
  return new TraceWriter({
    writeBatch: (writes) => {
      batches.push(writes.map((write) => (write.record as { id: string }).id));
      return Promise.resolve();
    },
    clock: systemClock,
    logger: pino({ level: 'silent' }),
    maxQueuedWrites: options.maxQueuedWrites ?? 100,
    maxBatchSize: 2,
    flushIntervalMs: 1,
  });
}

describe('TraceWriter', () => {
  it('should commit the writes of one write() call in one batch, past the batch size', async () => {
    const batches: string[][] = [];
    const writer = writerWith(batches);

    writer.offer([trace('g1')]);
    await writer.write([trace('a'), trace('b'), trace('c')]);
    await writer.flush();

    expect(batches).toEqual([['g1', 'a', 'b', 'c']]);
  });

  it('should still split offered writes at the batch size', async () => {
    const batches: string[][] = [];
    const writer = writerWith(batches);

    writer.offer([trace('a'), trace('b'), trace('c')]);
    await writer.flush();

    expect(batches).toEqual([['a', 'b'], ['c']]);
  });

  it('should refuse a write() that does not fit, and keep nothing of it', async () => {
    const batches: string[][] = [];
    const writer = writerWith(batches, { maxQueuedWrites: 2 });

    await expect(writer.write([trace('a'), trace('b'), trace('c')])).rejects.toBeInstanceOf(
      TraceQueueFullError,
    );
    await writer.flush();

    expect(batches).toEqual([]);
  });
});
