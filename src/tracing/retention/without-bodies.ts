import type { TraceWrite } from '../trace-records.js';

/**
 * The writes with the inputs and outputs of traces and observations left out, for
 * `tracing.store_bodies: false`. Left out, not emptied: a field not said keeps what the
 * row held, which for a store that never keeps bodies is nothing. Names, metadata,
 * usage, cost, times and scores are kept.
 */
export function withoutBodies(writes: readonly TraceWrite[]): TraceWrite[] {
  return writes.map((write) => {
    if (write.kind !== 'trace' && write.kind !== 'observation') return write;
    if (write.record.input === undefined && write.record.output === undefined) return write;
    const { input: _input, output: _output, ...record } = write.record;
    return { ...write, record } as TraceWrite;
  });
}
