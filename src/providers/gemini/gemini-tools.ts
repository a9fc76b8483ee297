import type { Tool, ToolChoice } from '../../wire/openai/chat-request-schema.js';
import { toGeminiSchema } from './gemini-schema.js';
import type { GeminiFunctionDeclaration, GeminiRequest, GeminiToolConfig } from './gemini-wire.js';

function declaration(tool: Tool, index: number): GeminiFunctionDeclaration {
  const { name, description, parameters } = tool.function;
  const declared: GeminiFunctionDeclaration = { name };
  if (description) declared.description = description;
  if (parameters) {
    const schema = toGeminiSchema(parameters, `tools[${index}].function.parameters`);
    // A function without arguments is declared without parameters: Gemini refuses an
    // object schema with no properties.
    if (schema.properties) declared.parameters = schema;
  }
  return declared;
}

/** OpenAI tools as one Gemini tool holding every function declaration. */
export function toGeminiTools(tools: Tool[] | undefined): GeminiRequest['tools'] {
  if (!tools || tools.length === 0) return undefined;
  return [{ functionDeclarations: tools.map(declaration) }];
}

/**
 * `tool_choice` as Gemini's function calling mode: auto → AUTO, none → NONE, required →
 * ANY, and a named function → ANY limited to that name. Gemini has no switch for
 * `parallel_tool_calls`; the field is not sent.
 */
export function toGeminiToolConfig(choice: ToolChoice | undefined): GeminiToolConfig | undefined {
  if (choice === undefined) return undefined;
  if (choice === 'auto') return { functionCallingConfig: { mode: 'AUTO' } };
  if (choice === 'none') return { functionCallingConfig: { mode: 'NONE' } };
  if (choice === 'required') return { functionCallingConfig: { mode: 'ANY' } };
  return {
    functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [choice.function.name] },
  };
}
