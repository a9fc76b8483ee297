import { LineCounter, parseDocument, visit, type Document } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from './config-error.js';
import { yamlPathAt } from './yaml-path-at.js';

/** The config file's text as a YAML document, its line index, and its plain value. */
export interface ConfigYaml {
  document: Document;
  lineCounter: LineCounter;
  raw: object;
}

/**
 * Parses the file as PyYAML reads LiteLLM's (merge keys included) into a mapping. Throws a
 * ConfigError naming the path, line and column of each syntax error.
 */
export function readConfigYaml(source: string, fileName: string): ConfigYaml {
  const lineCounter = new LineCounter();
  const document = parseDocument(source, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    merge: true,
  });
  if (document.errors.length > 0) {
    const problems = document.errors.map((error) =>
      describeAt(document, lineCounter, error.pos[0], error.message.split('\n')[0] ?? ''),
    );
    throw new ConfigError(fileName, problems);
  }

  let raw: unknown;
  try {
    raw = document.toJS() ?? {};
  } catch (error) {
    // Aliases fail only here: one without its anchor, or too many expansions of one.
    const offset = firstBrokenAlias(document) ?? 0;
    const message = error instanceof Error ? error.message : String(error);
    throw new ConfigError(fileName, [describeAt(document, lineCounter, offset, message)]);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    const offset = (document.contents as { range?: [number] } | null)?.range?.[0] ?? 0;
    const problem =
      'the file must hold a mapping of keys, such as model_list, not a list or a value';
    throw new ConfigError(fileName, [describeAt(document, lineCounter, offset, problem)]);
  }
  return { document, lineCounter, raw };
}

function firstBrokenAlias(document: Document): number | undefined {
  let found: number | undefined;
  visit(document, {
    Alias(_key, alias) {
      found ??= alias.range?.[0];
      if (alias.resolve(document) === undefined) {
        found = alias.range?.[0];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** `path (line L, column C): problem`, for a problem found at a character offset. */
function describeAt(
  document: Document,
  lineCounter: LineCounter,
  offset: number,
  problem: string,
): string {
  const path = formatPath(yamlPathAt(document, offset));
  const { line, col } = lineCounter.linePos(offset);
  return `${path || '(top level)'} (line ${line}, column ${col}): ${problem}`;
}

/** `path (line L): problem`, for a value the schema refused. */
export function describeSchemaIssue(issue: z.core.$ZodIssue, yaml: ConfigYaml): string {
  const path = formatPath(issue.path);
  const line = lineOf(yaml.document, issue.path, yaml.lineCounter);
  const where = line ? ` (line ${line})` : '';
  return `${path || '(top level)'}${where}: ${issue.message}`;
}

function formatPath(path: PropertyKey[]): string {
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}

function lineOf(
  document: Document,
  path: PropertyKey[],
  lineCounter: LineCounter,
): number | undefined {
  for (let length = path.length; length > 0; length--) {
    const node: unknown = document.getIn(path.slice(0, length) as (string | number)[], true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) return lineCounter.linePos(range[0]).line;
  }
  return undefined;
}
