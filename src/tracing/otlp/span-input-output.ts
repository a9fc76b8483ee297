import type { AttributeValue, Attributes, OtlpSpan, OtlpSpanEvent } from './otlp-model.js';
import { genAiAttributes, langfuseAttributes } from './span-attribute-names.js';
import { attributesUnder, parseJsonStructure, parseJsonText } from './span-attributes.js';
import { unflattenAttributes } from './unflatten-attributes.js';

/** Undefined where the span says nothing, so that a stored value is kept. */
export interface InputOutput {
  input?: unknown;
  output?: unknown;
}

/** The span event of the current GenAI conventions that carries the messages. */
const operationDetailsEvent = 'gen_ai.client.inference.operation.details';

/** Former per-message span events, and the role each one stands for. */
const messageEventRoles: Record<string, string> = {
  'gen_ai.system.message': 'system',
  'gen_ai.user.message': 'user',
  'gen_ai.assistant.message': 'assistant',
  'gen_ai.tool.message': 'tool',
};

function present(value: AttributeValue | undefined): value is Exclude<AttributeValue, null> {
  return value !== undefined && value !== null;
}

function found(input: unknown, output: unknown): InputOutput | undefined {
  if (input === undefined && output === undefined) return undefined;
  return { input, output };
}

function fromLangfuse(attributes: Attributes, inputKey: string, outputKey: string) {
  const input = attributes[inputKey];
  const output = attributes[outputKey];
  return found(
    present(input) ? parseJsonText(input) : undefined,
    present(output) ? parseJsonText(output) : undefined,
  );
}

/** `gen_ai.input.messages`, with `gen_ai.system_instructions` as a leading system message. */
function fromGenAiMessages(attributes: Attributes): InputOutput | undefined {
  const messages = attributes[genAiAttributes.inputMessages];
  const output = attributes[genAiAttributes.outputMessages];
  const system = attributes[genAiAttributes.systemInstructions];
  let input = present(messages) ? parseJsonText(messages) : undefined;
  if (present(system)) {
    const rest = input === undefined ? [] : Array.isArray(input) ? input : [input];
    input = [{ role: 'system', parts: parseJsonText(system) }, ...rest];
  }
  return found(input, present(output) ? parseJsonText(output) : undefined);
}

function eventBody(event: OtlpSpanEvent): Record<string, unknown> {
  const entries = Object.entries(event.attributes).map(([key, value]) => [
    key,
    parseJsonStructure(value),
  ]);
  return Object.fromEntries(entries);
}

/** Former conventions: a span event per message, and `gen_ai.choice` per answer. */
function fromMessageEvents(events: OtlpSpanEvent[]): InputOutput | undefined {
  const input = events.flatMap((event) => {
    const role = messageEventRoles[event.name];
    return role ? [{ role, ...eventBody(event) }] : [];
  });
  const choices = events.filter((event) => event.name === 'gen_ai.choice').map(eventBody);
  return found(
    input.length > 0 ? input : undefined,
    choices.length === 0 ? undefined : choices.length === 1 ? choices[0] : choices,
  );
}

/** Older still: `gen_ai.content.prompt` and `gen_ai.content.completion` events. */
function fromContentEvents(events: OtlpSpanEvent[]): InputOutput | undefined {
  const prompt = events.find((event) => event.name === 'gen_ai.content.prompt');
  const completion = events.find((event) => event.name === 'gen_ai.content.completion');
  return found(
    prompt ? (fromPromptAttributes(prompt.attributes)?.input ?? eventBody(prompt)) : undefined,
    completion
      ? (fromPromptAttributes(completion.attributes)?.output ?? eventBody(completion))
      : undefined,
  );
}

/** `gen_ai.prompt` and `gen_ai.completion`, whole or flattened as `gen_ai.prompt.0.role`. */
function fromPromptAttributes(attributes: Attributes): InputOutput | undefined {
  const read = (key: string) => {
    const whole = attributes[key];
    if (present(whole)) return parseJsonText(whole);
    const flattened = attributesUnder(attributes, key);
    return flattened.length > 0 ? unflattenAttributes(flattened) : undefined;
  };
  return found(read(genAiAttributes.prompt), read(genAiAttributes.completion));
}

function fromToolCall(attributes: Attributes): InputOutput | undefined {
  const input = attributes[genAiAttributes.toolArguments];
  const output = attributes[genAiAttributes.toolResult];
  return found(
    present(input) ? parseJsonText(input) : undefined,
    present(output) ? parseJsonText(output) : undefined,
  );
}

/**
 * An observation's input and output: what the Langfuse SDK set, else the messages of the
 * GenAI conventions in whichever form the instrumentation used (attributes, the
 * operation-details event, per-message events, flattened prompt attributes, tool calls).
 */
export function observationInputOutput(span: OtlpSpan): InputOutput {
  const attributes = span.attributes;
  const details = span.events.find((event) => event.name === operationDetailsEvent);
  return (
    fromLangfuse(
      attributes,
      langfuseAttributes.observationInput,
      langfuseAttributes.observationOutput,
    ) ??
    fromGenAiMessages(attributes) ??
    (details ? fromGenAiMessages(details.attributes) : undefined) ??
    fromMessageEvents(span.events) ??
    fromContentEvents(span.events) ??
    fromPromptAttributes(attributes) ??
    fromToolCall(attributes) ??
    {}
  );
}

/** The trace's input and output as set on this span (`setTraceIO`); nothing else counts. */
export function traceInputOutput(attributes: Attributes): InputOutput {
  return (
    fromLangfuse(attributes, langfuseAttributes.traceInput, langfuseAttributes.traceOutput) ?? {}
  );
}

/** Attribute keys whose values became input or output: left out of the metadata. */
export function isContentAttribute(key: string): boolean {
  return (
    key === langfuseAttributes.observationInput ||
    key === langfuseAttributes.observationOutput ||
    key === langfuseAttributes.traceInput ||
    key === langfuseAttributes.traceOutput ||
    key === genAiAttributes.inputMessages ||
    key === genAiAttributes.outputMessages ||
    key === genAiAttributes.systemInstructions ||
    key === genAiAttributes.toolArguments ||
    key === genAiAttributes.toolResult ||
    key === genAiAttributes.prompt ||
    key === genAiAttributes.completion ||
    key.startsWith(`${genAiAttributes.prompt}.`) ||
    key.startsWith(`${genAiAttributes.completion}.`)
  );
}
