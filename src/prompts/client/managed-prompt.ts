import {
  compileChat,
  compileText,
  type CompiledMessage,
  type CompileOptions,
} from '../compile-prompt.js';
import type { ChatItem, PlaceholderItem } from '../prompt-model.js';
import type { TemplateVariables } from '../template.js';
import type { PromptResponse } from './prompt-api-client.js';

/** How `compile` treats inputs it is not given. */
export interface CompileSettings {
  /** Message lists for the placeholders of a chat prompt. */
  placeholders?: Record<string, CompiledMessage[]>;
  /** `error` (the default) throws MissingPromptInputsError naming them; `keep` leaves them. */
  onMissing?: CompileOptions['onMissing'];
}

/** What every fetched prompt carries besides its content. */
abstract class FetchedPromptFields {
  readonly name: string;
  /** 0 for a fallback. */
  readonly version: number;
  readonly config: Record<string, unknown>;
  readonly labels: string[];
  readonly tags: string[];
  readonly commitMessage: string | null;

  constructor(
    response: PromptResponse,
    /** True when the server could not be reached and this is the fallback given to getPrompt. */
    readonly isFallback: boolean,
  ) {
    this.name = response.name;
    this.version = response.version;
    this.config = response.config;
    this.labels = response.labels;
    this.tags = response.tags;
    this.commitMessage = response.commitMessage;
  }
}

/** A text prompt as fetched; `compile` fills its `{{variables}}`. */
export class ManagedTextPrompt extends FetchedPromptFields {
  readonly type = 'text';
  readonly prompt: string;

  constructor(response: PromptResponse & { prompt: string }, isFallback = false) {
    super(response, isFallback);
    this.prompt = response.prompt;
  }

  compile(variables: TemplateVariables = {}, settings: CompileSettings = {}): string {
    return compileText(this.prompt, { variables, onMissing: settings.onMissing });
  }
}

/** A chat prompt as fetched; `compile` fills variables and placeholders. */
export class ManagedChatPrompt extends FetchedPromptFields {
  readonly type = 'chat';
  readonly prompt: ChatItem[];

  constructor(response: PromptResponse & { prompt: ChatItem[] }, isFallback = false) {
    super(response, isFallback);
    this.prompt = response.prompt;
  }

  /** The messages; with `onMissing: 'keep'`, an unfilled placeholder stays as an item. */
  compile(
    variables: TemplateVariables = {},
    settings: CompileSettings = {},
  ): (CompiledMessage | PlaceholderItem)[] {
    return compileChat(this.prompt, { variables, ...settings });
  }
}

export type ManagedPrompt = ManagedTextPrompt | ManagedChatPrompt;

/** The client-side object of a prompt the server answered with. */
export function managedPromptOf(response: PromptResponse, isFallback = false): ManagedPrompt {
  return typeof response.prompt === 'string'
    ? new ManagedTextPrompt({ ...response, prompt: response.prompt }, isFallback)
    : new ManagedChatPrompt({ ...response, prompt: response.prompt }, isFallback);
}
