import type { Attributes } from './otlp-model.js';
import { genAiAttributes, langfuseAttributes } from './span-attribute-names.js';
import { numberAttribute, objectAttribute, toNumber } from './span-attributes.js';

/** OpenAI-style names SDK users pass as usage, in Langfuse's keys. */
const usageAliases: Record<string, string> = {
  promptTokens: 'input',
  prompt_tokens: 'input',
  inputTokens: 'input',
  input_tokens: 'input',
  completionTokens: 'output',
  completion_tokens: 'output',
  outputTokens: 'output',
  output_tokens: 'output',
  totalTokens: 'total',
  total_tokens: 'total',
  cache_read_input_tokens: 'input_cache_read',
  input_cached_tokens: 'input_cache_read',
  cache_creation_input_tokens: 'input_cache_creation',
  input_cache_write: 'input_cache_creation',
  reasoning_tokens: 'output_reasoning',
  output_reasoning_tokens: 'output_reasoning',
};

/** Nested OpenAI details, which count tokens already counted in input or output. */
const detailGroups: Record<string, 'input' | 'output'> = {
  prompt_tokens_details: 'input',
  input_tokens_details: 'input',
  completion_tokens_details: 'output',
  output_tokens_details: 'output',
};

const detailNames: Record<string, string> = {
  cached_tokens: 'input_cache_read',
  cache_creation_tokens: 'input_cache_creation',
  reasoning_tokens: 'output_reasoning',
};

function isCount(value: number | undefined): value is number {
  return value !== undefined && value >= 0;
}

/** Adds nested details as their own buckets and takes them out of input or output. */
function addDetails(usage: Record<string, number>, group: 'input' | 'output', details: unknown) {
  if (typeof details !== 'object' || details === null) return;
  for (const [key, raw] of Object.entries(details)) {
    const count = toNumber(raw);
    if (!isCount(count) || count === 0) continue;
    const name = detailNames[key] ?? `${group}_${key.replace(/_tokens$/, '')}`;
    usage[name] = (usage[name] ?? 0) + count;
    if (usage[group] !== undefined) usage[group] = Math.max(0, usage[group] - count);
  }
}

function withTotal(usage: Record<string, number>): Record<string, number> {
  if (usage.total !== undefined) return usage;
  return { ...usage, total: Object.values(usage).reduce((sum, count) => sum + count, 0) };
}

/**
 * Usage the SDK was given (`usageDetails`), in Langfuse's keys. Flat counts are taken as
 * disjoint buckets, as Langfuse takes them, with OpenAI's and Anthropic's names renamed;
 * OpenAI's nested details are moved out of input and output. `total` is their sum when
 * not sent.
 */
export function normaliseUsageDetails(
  provided: Record<string, unknown>,
): Record<string, number> | undefined {
  const usage: Record<string, number> = {};
  for (const [key, raw] of Object.entries(provided)) {
    const count = toNumber(raw);
    const bucket = usageAliases[key] ?? key;
    if (isCount(count)) usage[bucket] = (usage[bucket] ?? 0) + count;
  }
  for (const [key, group] of Object.entries(detailGroups)) addDetails(usage, group, provided[key]);
  return Object.keys(usage).length > 0 ? withTotal(usage) : undefined;
}

/**
 * Usage from `gen_ai.usage.*`. The conventions count cache reads and writes inside
 * `input_tokens` and reasoning inside `output_tokens`; they are taken out here, so that
 * `input`, `input_cache_read`, `input_cache_creation`, `output` and `output_reasoning`
 * are disjoint and sum to `total`, as Sereno stores usage everywhere.
 */
export function genAiUsageDetails(attributes: Attributes): Record<string, number> | undefined {
  const input = numberAttribute(attributes, ...genAiAttributes.inputTokens);
  const output = numberAttribute(attributes, ...genAiAttributes.outputTokens);
  const cacheRead = numberAttribute(attributes, ...genAiAttributes.cacheReadTokens) ?? 0;
  const cacheWrite = numberAttribute(attributes, ...genAiAttributes.cacheWriteTokens) ?? 0;
  const reasoning = numberAttribute(attributes, ...genAiAttributes.reasoningTokens) ?? 0;
  const total = numberAttribute(attributes, ...genAiAttributes.totalTokens);
  if (input === undefined && output === undefined && total === undefined) return undefined;

  const usage: Record<string, number> = {};
  if (input !== undefined) usage.input = Math.max(0, input - cacheRead - cacheWrite);
  if (cacheRead > 0) usage.input_cache_read = cacheRead;
  if (cacheWrite > 0) usage.input_cache_creation = cacheWrite;
  if (output !== undefined) usage.output = Math.max(0, output - reasoning);
  if (reasoning > 0) usage.output_reasoning = reasoning;
  usage.total = total ?? Object.values(usage).reduce((sum, count) => sum + count, 0);
  return usage;
}

/** A span's usage: what the Langfuse SDK set, else what the GenAI conventions say. */
export function usageDetailsOf(attributes: Attributes): Record<string, number> | undefined {
  const provided = objectAttribute(attributes, langfuseAttributes.usageDetails);
  if (provided) return normaliseUsageDetails(provided);
  return genAiUsageDetails(attributes);
}

/** A cost the client sent, in Langfuse's keys, with its total. */
export interface SpanCost {
  costDetails: Record<string, number>;
  totalCost: number;
}

/** A cost the client computed itself (`costDetails`, or `gen_ai.usage.cost` in USD). */
export function costOf(attributes: Attributes): SpanCost | undefined {
  const provided = objectAttribute(attributes, langfuseAttributes.costDetails);
  const details: Record<string, number> = {};
  for (const [key, raw] of Object.entries(provided ?? {})) {
    const amount = toNumber(raw);
    if (isCount(amount)) details[key] = amount;
  }
  const genAiCost = numberAttribute(attributes, genAiAttributes.cost);
  if (Object.keys(details).length === 0 && isCount(genAiCost)) details.total = genAiCost;
  if (Object.keys(details).length === 0) return undefined;
  const totalCost =
    details.total ?? Object.values(details).reduce((sum, amount) => sum + amount, 0);
  return { costDetails: { ...details, total: totalCost }, totalCost };
}
