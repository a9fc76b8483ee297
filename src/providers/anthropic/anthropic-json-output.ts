import type { ResponseFormat } from '../../wire/openai/chat-request-schema.js';

/** A tool definition in Anthropic's shape. */
export interface AnthropicTool {
  name: string;
  description?: string;
  input_schema: Record<string, unknown>;
  cache_control?: Record<string, unknown>;
}

const jsonObjectToolName = 'json_response';

/**
 * How JSON output is obtained from Anthropic: the Messages API has no `response_format`,
 * so Sereno offers the model a single tool whose input schema is the wanted JSON and forces
 * the model to call it. The tool's input is then handed back as the message content, and
 * the call itself never reaches the client.
 *
 * `json_object` uses a schema that accepts any object, so the answer is always an object,
 * as with OpenAI. `json_schema` uses the client's schema and name; Anthropic follows the
 * schema closely but, unlike OpenAI's strict mode, does not guarantee it.
 */
export function jsonOutputTool(format: ResponseFormat | undefined): AnthropicTool | undefined {
  if (format?.type === 'json_object') {
    return {
      name: jsonObjectToolName,
      description: 'Give the whole answer as one JSON object.',
      input_schema: { type: 'object' },
    };
  }
  if (format?.type === 'json_schema') {
    const { name, description, schema } = format.json_schema;
    return {
      name,
      description: description ?? 'Give the whole answer as JSON that matches this schema.',
      input_schema: schema ?? { type: 'object' },
    };
  }
  return undefined;
}
