import type { ChatRequest } from '../../wire/openai/chat-request-schema.js';
import { toGeminiGenerationConfig } from './gemini-generation-config.js';
import { toGeminiConversation } from './gemini-messages.js';
import { toGeminiToolConfig, toGeminiTools } from './gemini-tools.js';
import type { GeminiRequest } from './gemini-wire.js';

/**
 * A chat request as the body of `generateContent` (and `streamGenerateContent`, which
 * takes the same body). Fields Sereno does not translate are not sent: Gemini refuses
 * unknown fields, so nothing passes through as it does to OpenAI-compatible upstreams.
 */
export function toGeminiRequest(request: ChatRequest): GeminiRequest {
  const body: GeminiRequest = toGeminiConversation(request.messages);
  const tools = toGeminiTools(request.tools);
  if (tools) body.tools = tools;
  const toolConfig = toGeminiToolConfig(request.tool_choice);
  if (toolConfig) body.toolConfig = toolConfig;
  const generationConfig = toGeminiGenerationConfig(request);
  if (generationConfig) body.generationConfig = generationConfig;
  return body;
}
