import { observationTypes, type ObservationType } from '../trace-records.js';
import type { Attributes } from './otlp-model.js';
import { genAiAttributes, langfuseAttributes } from './span-attribute-names.js';
import { stringAttribute } from './span-attributes.js';

/** `gen_ai.operation.name` values, current and former, and the observation each one is. */
const operationTypes: Record<string, ObservationType> = {
  chat: 'GENERATION',
  text_completion: 'GENERATION',
  completion: 'GENERATION',
  generate_content: 'GENERATION',
  generate: 'GENERATION',
  embeddings: 'EMBEDDING',
  invoke_agent: 'AGENT',
  create_agent: 'AGENT',
  execute_tool: 'TOOL',
};

function isObservationType(value: string): value is ObservationType {
  return (observationTypes as readonly string[]).includes(value);
}

/** What the rest of the mapping found out about a span. */
export interface SpanFacts {
  hasModel: boolean;
  hasUsage: boolean;
}

/**
 * What kind of observation a span is: the type the Langfuse SDK set, else what its GenAI
 * operation says, else a tool call for tool attributes, else a generation when it names
 * a model or reports usage, else a span.
 */
export function observationTypeOf(attributes: Attributes, facts: SpanFacts): ObservationType {
  const declared = stringAttribute(attributes, langfuseAttributes.observationType)?.toUpperCase();
  if (declared && isObservationType(declared)) return declared;

  const operation = stringAttribute(attributes, genAiAttributes.operationName);
  const operationType = operation ? operationTypes[operation] : undefined;
  if (operationType) return operationType;

  if (stringAttribute(attributes, genAiAttributes.toolName, genAiAttributes.toolCallId)) {
    return 'TOOL';
  }
  return facts.hasModel || facts.hasUsage ? 'GENERATION' : 'SPAN';
}
