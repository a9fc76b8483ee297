import { describe, expect, it } from 'vitest';
import { makeGroup, makeSpan, startMs } from './__fixtures__/otlp-span.js';
import { observationOfSpan } from './span-to-observation.js';

function observe(...args: Parameters<typeof makeSpan>) {
  const span = makeSpan(...args);
  return observationOfSpan(span, makeGroup([span]), 'project-1');
}

describe('observationOfSpan', () => {
  it('should map a GenAI chat span to a generation with its model, parameters and usage', () => {
    const observation = observe({
      parentSpanId: '00f067aa0ba902b7',
      name: 'chat gpt-4o-mini',
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
        'gen_ai.request.temperature': 0.2,
        'gen_ai.request.max_tokens': 256,
        'gen_ai.usage.input_tokens': 12,
        'gen_ai.usage.output_tokens': 4,
      },
    });
    expect(observation).toMatchObject({
      projectId: 'project-1',
      id: 'b7ad6b7169203331',
      traceId: '0af7651916cd43dd8448eb211c80319c',
      parentObservationId: '00f067aa0ba902b7',
      type: 'GENERATION',
      name: 'chat gpt-4o-mini',
      startTime: startMs,
      endTime: startMs + 1500,
      model: 'gpt-4o-mini-2024-07-18',
      modelParameters: { temperature: 0.2, max_tokens: 256 },
      usageDetails: { input: 12, output: 4, total: 16 },
    });
    expect(observation.metadata).toMatchObject({
      attributes: { 'gen_ai.provider.name': 'openai' },
      resourceAttributes: { 'service.name': 'checkout' },
      scope: { name: 'my-app', version: '1.0.0' },
    });
  });

  it('should read what the Langfuse SDK set on a generation', () => {
    const observation = observe({
      attributes: {
        'langfuse.observation.type': 'generation',
        'langfuse.observation.model.name': 'claude-sonnet-4-5',
        'langfuse.observation.model.parameters': '{"temperature":0.7}',
        'langfuse.observation.completion_start_time': '"2025-01-01T00:00:00.400Z"',
        'langfuse.observation.prompt.name': 'qa-prompt',
        'langfuse.observation.prompt.version': 3,
        'langfuse.observation.level': 'WARNING',
        'langfuse.observation.status_message': 'slow',
        'langfuse.observation.metadata.region': 'eu',
        'langfuse.observation.metadata.limits': '{"max":3}',
        'langfuse.version': 'v2',
        'langfuse.environment': 'staging',
      },
    });
    expect(observation).toMatchObject({
      type: 'GENERATION',
      model: 'claude-sonnet-4-5',
      modelParameters: { temperature: 0.7 },
      completionStartTime: startMs + 400,
      promptName: 'qa-prompt',
      promptVersion: 3,
      level: 'WARNING',
      statusMessage: 'slow',
      version: 'v2',
      environment: 'staging',
      metadata: { region: 'eu', limits: { max: 3 } },
    });
  });

  it.each([
    ['the status message', { statusCode: 2, statusMessage: 'timeout' }, 'timeout'],
    [
      'a recorded exception when the status has no message',
      {
        statusCode: 2,
        events: [
          {
            name: 'exception',
            attributes: { 'exception.type': 'TypeError', 'exception.message': 'x is undefined' },
          },
        ],
      },
      'TypeError: x is undefined',
    ],
  ])('should make an error span an ERROR with %s', (_name, overrides, message) => {
    expect(observe(overrides)).toMatchObject({ level: 'ERROR', statusMessage: message });
  });

  it('should leave the level unsaid for a span that did not fail', () => {
    expect(observe({ statusCode: 1 }).level).toBeUndefined();
  });

  it('should leave the end time unsaid for an open span', () => {
    expect(observe({ endTimeUnixNano: undefined }).endTime).toBeUndefined();
  });

  it("should drop the parent of the span the SDK marks as its app's root", () => {
    const observation = observe({
      parentSpanId: '00f067aa0ba902b7',
      attributes: { 'langfuse.internal.is_app_root': true },
    });
    expect(observation.parentObservationId).toBeUndefined();
  });

  it('should take the environment and version from the resource when the span has none', () => {
    const span = makeSpan();
    const group = makeGroup([span], 'my-app', {
      'deployment.environment.name': 'production',
      'service.version': '4.2.0',
    });
    expect(observationOfSpan(span, group, 'p')).toMatchObject({
      environment: 'production',
      version: '4.2.0',
    });
  });

  it("should not repeat a Langfuse SDK span's attributes in its metadata", () => {
    const span = makeSpan({ attributes: { 'langfuse.observation.type': 'span' } });
    const observation = observationOfSpan(span, makeGroup([span], 'langfuse-sdk'), 'p');
    expect(observation.metadata).not.toHaveProperty('attributes');
  });
});
