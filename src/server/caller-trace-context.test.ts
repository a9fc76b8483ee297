import { describe, expect, it } from 'vitest';
import { callerTraceContext } from './caller-trace-context.js';

const requestId = 'req-1';
const uuid = '3f2c1e9a-5b7d-4c1e-9f00-6a1b2c3d4e5f';

describe('callerTraceContext', () => {
  it('should make the call its own trace under the request id when no trace is named', () => {
    const context = callerTraceContext({}, { model: 'm', messages: [] }, requestId);

    expect(context).toMatchObject({ traceId: requestId, callerTrace: false });
  });

  it.each([
    ['a UUID', uuid, uuid],
    [
      'an OpenTelemetry hex id, in lower case',
      '0AF7651916CD43DD8448EB211C80319C',
      '0af7651916cd43dd8448eb211c80319c',
    ],
    ['any other printable id', 'trace-id22', 'trace-id22'],
  ])('should join the trace named by x-sereno-trace-id as %s', (_name, header, expected) => {
    const context = callerTraceContext({ 'x-sereno-trace-id': header }, {}, requestId);

    expect(context).toMatchObject({ traceId: expected, callerTrace: true });
  });

  it('should read every x-sereno header', () => {
    const context = callerTraceContext(
      {
        'x-sereno-trace-id': uuid,
        'x-sereno-parent-observation-id': 'b7ad6b7169203331',
        'x-sereno-session-id': 'session-9',
        'x-sereno-user-id': 'user-9',
        'x-sereno-tags': ' a, b ,,c',
        'x-sereno-trace-name': 'checkout',
        'x-sereno-trace-metadata': '{"tenant":"acme"}',
        'x-sereno-environment': 'staging',
      },
      { user: 'body-user' },
      requestId,
    );

    expect(context).toMatchObject({
      parentObservationId: 'b7ad6b7169203331',
      sessionId: 'session-9',
      userId: 'user-9',
      tags: ['a', 'b', 'c'],
      traceName: 'checkout',
      metadata: { tenant: 'acme' },
      environment: 'staging',
    });
  });

  it('should read LiteLLM’s metadata keys, the rest of the metadata going to the generation', () => {
    const context = callerTraceContext(
      {},
      {
        user: 'end-user',
        metadata: {
          trace_id: 'trace-22',
          trace_name: 'pipeline',
          session_id: 's-1',
          tags: ['x'],
          generation_name: 'summarise',
          generation_id: 'gen-22',
          parent_observation_id: 'span-1',
          trace_metadata: { team: 'search' },
          trace_release: 'r-7',
          version: 'v2',
          project: 'alpha',
        },
      },
      requestId,
    );

    expect(context).toMatchObject({
      traceId: 'trace-22',
      callerTrace: true,
      traceName: 'pipeline',
      sessionId: 's-1',
      userId: 'end-user',
      tags: ['x'],
      generationName: 'summarise',
      generationId: 'gen-22',
      parentObservationId: 'span-1',
      metadata: { team: 'search' },
      release: 'r-7',
      version: 'v2',
      generationVersion: 'v2',
      generationMetadata: { project: 'alpha' },
      writeTraceInput: false,
      writeTraceOutput: false,
    });
  });

  it('should let trace_user_id win over the body’s user, and headers over metadata', () => {
    const context = callerTraceContext(
      { 'x-sereno-trace-name': 'from-header' },
      { user: 'end-user', metadata: { trace_user_id: 'meta-user', trace_name: 'from-metadata' } },
      requestId,
    );

    expect([context.userId, context.traceName]).toEqual(['meta-user', 'from-header']);
  });

  it('should touch only the update_trace_keys of an existing_trace_id', () => {
    const context = callerTraceContext(
      {},
      {
        user: 'end-user',
        metadata: {
          existing_trace_id: uuid,
          trace_name: 'ignored',
          session_id: 'kept',
          update_trace_keys: ['session_id', 'output'],
        },
      },
      requestId,
    );

    expect(context).toMatchObject({
      traceId: uuid,
      callerTrace: true,
      traceName: undefined,
      sessionId: 'kept',
      userId: undefined,
      writeTraceInput: false,
      writeTraceOutput: true,
    });
  });

  it('should read litellm_metadata, and Anthropic’s metadata.user_id as the user', () => {
    const context = callerTraceContext(
      {},
      { metadata: { user_id: 'anthropic-user' }, litellm_metadata: { trace_name: 'messages' } },
      requestId,
    );

    expect([context.userId, context.traceName]).toEqual(['anthropic-user', 'messages']);
  });

  it.each([
    ['x-sereno-trace-id', { 'x-sereno-trace-id': 'a\u0001b' }],
    ['x-sereno-parent-observation-id', { 'x-sereno-parent-observation-id': 'x'.repeat(801) }],
    ['x-sereno-trace-metadata', { 'x-sereno-trace-metadata': '[1]' }],
    ['x-sereno-trace-metadata', { 'x-sereno-trace-metadata': '{not json' }],
    ['x-sereno-environment', { 'x-sereno-environment': 'Prod' }],
  ])('should refuse a bad %s with a 400 that names it', (param, headers) => {
    expect(() => callerTraceContext(headers, {}, requestId)).toThrow(
      expect.objectContaining({ status: 400, param }),
    );
  });
});
