import { parse, stringify } from 'yaml';
import { z } from 'zod';
import type { ChatItem, PromptType } from '../prompt-model.js';

/**
 * Prompts kept as files in a repository. A YAML file holds every field; a Markdown file
 * holds the fields in its front matter and the prompt in its body. A chat prompt in
 * Markdown marks each message with a comment line of its own, `<!-- role: system -->`,
 * and each placeholder with `<!-- placeholder: history -->`.
 */
export interface PromptFile {
  /** From the file, else from its path. */
  name: string;
  type: PromptType;
  prompt: string | ChatItem[];
  config: Record<string, unknown>;
  /** Labels the pushed version should carry. */
  labels: string[];
  /** Tags of the prompt; undefined keeps those the server has. */
  tags?: string[];
  commitMessage?: string;
}

/** A prompt file that cannot be read; the message starts with the file's path. */
export class PromptFileError extends Error {
  constructor(path: string, problem: string) {
    super(`${path}: ${problem}`);
    this.name = 'PromptFileError';
  }
}

/** A config given as JSON text is read as JSON, so that a file may paste one as it is. */
const configField = z.preprocess(
  (value) => (typeof value === 'string' ? JSON.parse(value) : value),
  z.record(z.string(), z.unknown(), { error: 'config must be a mapping' }).nullish(),
);

const chatItem = z.union([
  z.object({ type: z.literal('placeholder'), name: z.string().min(1) }),
  z
    .object({
      type: z.literal('chatmessage').optional(),
      role: z.string().min(1),
      content: z.string(),
    })
    .transform((message): ChatItem => ({ type: 'chatmessage', ...message })),
]);

const fieldsSchema = z.object({
  name: z.string().min(1).optional(),
  type: z.enum(['text', 'chat']).optional(),
  config: configField,
  labels: z.array(z.string()).optional(),
  tags: z.array(z.string()).optional(),
  commitMessage: z.string().optional(),
  prompt: z.union([z.string(), z.array(chatItem)]).optional(),
});

type Fields = z.infer<typeof fieldsSchema>;

const markerPattern = /^<!--\s*(role|placeholder):\s*(\S+)\s*-->\s*$/;

function readFields(path: string, value: unknown): Fields {
  let result;
  try {
    result = fieldsSchema.safeParse(value ?? {});
  } catch (error) {
    throw new PromptFileError(path, `config is not valid JSON: ${(error as Error).message}`);
  }
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new PromptFileError(path, `${issue?.path.join('.') || 'file'}: ${issue?.message ?? ''}`);
  }
  return result.data;
}

function splitChat(path: string, body: string): ChatItem[] {
  const items: ChatItem[] = [];
  let current: { role: string; lines: string[] } | undefined;
  const close = () => {
    if (current)
      items.push({
        type: 'chatmessage',
        role: current.role,
        content: current.lines.join('\n').trim(),
      });
    current = undefined;
  };
  for (const line of body.split('\n')) {
    const marker = markerPattern.exec(line);
    if (!marker) {
      if (current) current.lines.push(line);
      else if (line.trim())
        throw new PromptFileError(path, 'chat text before the first <!-- role: ... --> line');
      continue;
    }
    close();
    if (marker[1] === 'placeholder') items.push({ type: 'placeholder', name: marker[2] ?? '' });
    else current = { role: marker[2] ?? '', lines: [] };
  }
  close();
  return items;
}

/** Reads the text of a prompt file; `defaultName` names it when the file does not. */
export function parsePromptFile(path: string, text: string, defaultName: string): PromptFile {
  const markdown = /\.(md|markdown)$/i.test(path);
  let fields: Fields;
  let body: string | undefined;
  try {
    if (markdown) {
      const front = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
      fields = readFields(path, front ? parse(front[1] ?? '') : {});
      body = (front ? text.slice(front[0].length) : text).replace(/\r\n/g, '\n').replace(/\n$/, '');
    } else {
      fields = readFields(path, parse(text));
    }
  } catch (error) {
    if (error instanceof PromptFileError) throw error;
    throw new PromptFileError(path, `not valid YAML: ${(error as Error).message}`);
  }

  const type = fields.type ?? (Array.isArray(fields.prompt) ? 'chat' : 'text');
  const prompt =
    body === undefined ? fields.prompt : type === 'chat' ? splitChat(path, body) : body;
  if (prompt === undefined) throw new PromptFileError(path, 'no prompt');
  if ((type === 'chat') !== Array.isArray(prompt)) {
    throw new PromptFileError(
      path,
      `a ${type} prompt needs ${type === 'chat' ? 'a list of messages' : 'text'}`,
    );
  }
  return {
    name: fields.name ?? defaultName,
    type,
    prompt,
    config: fields.config ?? {},
    labels: fields.labels ?? [],
    tags: fields.tags,
    commitMessage: fields.commitMessage,
  };
}

/** The file a pulled prompt is written to: Markdown for text, YAML for chat. */
export function renderPromptFile(file: Omit<PromptFile, 'labels'> & { labels?: string[] }) {
  const fields: Record<string, unknown> = { name: file.name, type: file.type };
  if (Object.keys(file.config).length > 0) fields.config = file.config;
  if (file.labels?.length) fields.labels = file.labels;
  if (file.tags?.length) fields.tags = file.tags;
  if (typeof file.prompt === 'string') {
    return { extension: '.md', text: `---\n${stringify(fields)}---\n${file.prompt}\n` };
  }
  const prompt = file.prompt.map((item) =>
    item.type === 'placeholder' ? item : { role: item.role, content: item.content },
  );
  return { extension: '.yaml', text: stringify({ ...fields, prompt }) };
}
