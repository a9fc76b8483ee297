/**
 * The span attributes Sereno reads. The `langfuse.*` names are those the Langfuse SDKs
 * (JS 5.x, Python 3.x) write; the `gen_ai.*` names are OpenTelemetry's GenAI semantic
 * conventions, current ones first and the names they replaced after.
 */
export const langfuseAttributes = {
  traceName: 'langfuse.trace.name',
  traceInput: 'langfuse.trace.input',
  traceOutput: 'langfuse.trace.output',
  traceTags: 'langfuse.trace.tags',
  tracePublic: 'langfuse.trace.public',
  traceMetadata: 'langfuse.trace.metadata',
  userId: ['langfuse.user.id', 'user.id'],
  sessionId: ['langfuse.session.id', 'session.id', 'gen_ai.conversation.id'],
  observationType: 'langfuse.observation.type',
  observationInput: 'langfuse.observation.input',
  observationOutput: 'langfuse.observation.output',
  observationMetadata: 'langfuse.observation.metadata',
  level: 'langfuse.observation.level',
  statusMessage: 'langfuse.observation.status_message',
  model: 'langfuse.observation.model.name',
  modelParameters: 'langfuse.observation.model.parameters',
  usageDetails: 'langfuse.observation.usage_details',
  costDetails: 'langfuse.observation.cost_details',
  completionStartTime: 'langfuse.observation.completion_start_time',
  promptName: 'langfuse.observation.prompt.name',
  promptVersion: 'langfuse.observation.prompt.version',
  environment: ['langfuse.environment', 'deployment.environment.name', 'deployment.environment'],
  release: 'langfuse.release',
  version: 'langfuse.version',
  /** Set by `startObservation(..., { asRoot: true })`: the span starts its trace anew. */
  asRoot: 'langfuse.internal.as_root',
  /** Set on the first exported span whose parent is not exported (an HTTP server span). */
  isAppRoot: 'langfuse.internal.is_app_root',
} as const;

export const genAiAttributes = {
  operationName: 'gen_ai.operation.name',
  provider: ['gen_ai.provider.name', 'gen_ai.system'],
  model: ['gen_ai.response.model', 'gen_ai.request.model'],
  requestPrefix: 'gen_ai.request',
  inputTokens: ['gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens'],
  outputTokens: ['gen_ai.usage.output_tokens', 'gen_ai.usage.completion_tokens'],
  totalTokens: ['gen_ai.usage.total_tokens'],
  cacheReadTokens: [
    'gen_ai.usage.cache_read.input_tokens',
    'gen_ai.usage.cache_read_input_tokens',
    'gen_ai.usage.input_tokens.cached',
  ],
  cacheWriteTokens: [
    'gen_ai.usage.cache_creation.input_tokens',
    'gen_ai.usage.cache_creation_input_tokens',
    'gen_ai.usage.input_tokens.cache_write',
  ],
  reasoningTokens: [
    'gen_ai.usage.reasoning.output_tokens',
    'gen_ai.usage.output_tokens.reasoning',
    'gen_ai.usage.reasoning_tokens',
  ],
  cost: 'gen_ai.usage.cost',
  inputMessages: 'gen_ai.input.messages',
  outputMessages: 'gen_ai.output.messages',
  systemInstructions: 'gen_ai.system_instructions',
  prompt: 'gen_ai.prompt',
  completion: 'gen_ai.completion',
  toolName: 'gen_ai.tool.name',
  toolCallId: 'gen_ai.tool.call.id',
  toolArguments: 'gen_ai.tool.call.arguments',
  toolResult: 'gen_ai.tool.call.result',
} as const;
