import type { z } from 'zod';
import { BadRequestError } from '../errors/sereno-error.js';

function formatPath(path: PropertyKey[]): string {
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}

function describe(issue: z.core.$ZodIssue, param: string): string {
  if (issue.code === 'invalid_type' && issue.message.includes('received undefined')) {
    return `Missing required parameter: '${param}'.`;
  }
  if (
    issue.code === 'invalid_union' &&
    'note' in issue &&
    issue.note === 'No matching discriminator'
  ) {
    return `Invalid value for '${param}': it is not one of the accepted values.`;
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
  const issue = result.error.issues[0] as z.core.$ZodIssue;
  const param = formatPath(issue.path);
  throw new BadRequestError(describe(issue, param), {
    code: 'invalid_request',
    param: param || null,
  });
}
