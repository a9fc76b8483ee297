import type { z } from 'zod';
import { BadRequestError } from '../errors/sereno-error.js';

function formatPath(path: PropertyKey[]): string {
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}

type Issue = z.core.$ZodIssue;

/**
 * Inside a union, the branch that got furthest is the one the client meant: a list of
 * content parts with one bad part says which part, not that a string was expected.
 */
function innermost(issue: Issue, path: PropertyKey[]): { issue: Issue; path: PropertyKey[] } {
  const fullPath = [...path, ...issue.path];
  if (issue.code !== 'invalid_union') return { issue, path: fullPath };
  const furthest = issue.errors
    .map((branch) => branch[0])
    .find((first) => first && (first.path.length > 0 || first.code !== 'invalid_type'));
  return furthest ? innermost(furthest, fullPath) : { issue, path: fullPath };
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

function valueAt(body: unknown, path: PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (value, key) => (value as Record<PropertyKey, unknown> | null | undefined)?.[key],
    body,
  );
}

function describe(issue: Issue, param: string, received: unknown): string {
  if (issue.code === 'invalid_type' && received === undefined) {
    return `Missing required parameter: '${param}'.`;
  }
  if (issue.code === 'invalid_union' && 'options' in issue && Array.isArray(issue.options)) {
    const options = issue.options.map((option) => `'${String(option)}'`).join(', ');
    return `Invalid value for '${param}': expected one of ${options}.`;
  }
  if (issue.code === 'invalid_union') {
    const expected = issue.errors.flatMap((branch) =>
      branch[0]?.code === 'invalid_type' ? [branch[0].expected] : [],
    );
    const types = [...new Set(expected)].join(' or ');
    return `Invalid value for '${param}': expected ${types || 'another shape'}, received ${typeOf(received)}.`;
  }
  return param
    ? `Invalid value for '${param}': ${issue.message}.`
    : `Invalid request: ${issue.message}.`;
}

/**
 * Checks a parsed JSON body against a request schema. The error names the first wrong
 * parameter by its path, as `messages[0].content`, in `param` and in the message.
 */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new BadRequestError('The request body must be a JSON object.', {
      code: 'invalid_request',
    });
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const { issue, path } = innermost(result.error.issues[0] as Issue, []);
  const param = formatPath(path);
  throw new BadRequestError(describe(issue, param, valueAt(body, path)), {
    code: 'invalid_request',
    param: param || null,
  });
}
