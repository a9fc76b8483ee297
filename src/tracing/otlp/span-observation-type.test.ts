import { describe, expect, it } from 'vitest';
import { observationTypeOf } from './span-observation-type.js';

const nothing = { hasModel: false, hasUsage: false };

describe('observationTypeOf', () => {
  it.each([
    ['the type the SDK declared', { 'langfuse.observation.type': 'agent' }, nothing, 'AGENT'],
    [
      'a declared span, even with a model',
      { 'langfuse.observation.type': 'span' },
      { hasModel: true, hasUsage: false },
      'SPAN',
    ],
    ['a chat operation', { 'gen_ai.operation.name': 'chat' }, nothing, 'GENERATION'],
    ['an embeddings operation', { 'gen_ai.operation.name': 'embeddings' }, nothing, 'EMBEDDING'],
    ['an agent invocation', { 'gen_ai.operation.name': 'invoke_agent' }, nothing, 'AGENT'],
    ['a tool execution', { 'gen_ai.operation.name': 'execute_tool' }, nothing, 'TOOL'],
    ['a tool name alone', { 'gen_ai.tool.name': 'search' }, nothing, 'TOOL'],
    ['a span with a model', {}, { hasModel: true, hasUsage: false }, 'GENERATION'],
    ['a span with usage', {}, { hasModel: false, hasUsage: true }, 'GENERATION'],
    ['an unknown declared type', { 'langfuse.observation.type': 'widget' }, nothing, 'SPAN'],
    ['a plain span', { 'http.method': 'GET' }, nothing, 'SPAN'],
  ] as const)('should read %s', (_name, attributes, facts, expected) => {
    expect(observationTypeOf(attributes, facts)).toBe(expected);
  });
});
