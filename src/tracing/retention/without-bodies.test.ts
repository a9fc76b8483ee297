import { describe, expect, it } from 'vitest';
import type { TraceWrite } from '../trace-records.js';
import { withoutBodies } from './without-bodies.js';

describe('withoutBodies', () => {
  it.each<[string, TraceWrite, TraceWrite]>([
    [
      'a trace’s input and output',
      {
        kind: 'trace',
        record: { projectId: 'p', id: 't', name: 'chat', input: 'hi', output: 'ho', metadata: 1 },
      },
      { kind: 'trace', record: { projectId: 'p', id: 't', name: 'chat', metadata: 1 } },
    ],
    [
      'an observation’s input and output, keeping usage and cost',
      {
        kind: 'observation',
        record: {
          projectId: 'p',
          id: 'o',
          traceId: 't',
          type: 'GENERATION',
          input: [{ role: 'user', content: 'hi' }],
          output: { role: 'assistant', content: 'ho' },
          usageDetails: { input: 3, output: 2, total: 5 },
          totalCost: 0.01,
        },
      },
      {
        kind: 'observation',
        record: {
          projectId: 'p',
          id: 'o',
          traceId: 't',
          type: 'GENERATION',
          usageDetails: { input: 3, output: 2, total: 5 },
          totalCost: 0.01,
        },
      },
    ],
    [
      'nothing of a score',
      {
        kind: 'score',
        record: { projectId: 'p', id: 's', name: 'n', dataType: 'NUMERIC', source: 'API' },
      },
      {
        kind: 'score',
        record: { projectId: 'p', id: 's', name: 'n', dataType: 'NUMERIC', source: 'API' },
      },
    ],
  ])('should leave out %s', (_name, write, expected) => {
    expect(withoutBodies([write])).toEqual([expected]);
  });
});
