import { z } from 'zod';

/**
 * Query-string fields the list routes share, read as Langfuse's public API reads them:
 * pages count from 1, a page holds 50 items unless `limit` says otherwise, at most 100.
 */

export const defaultPageLimit = 50;
export const maxPageLimit = 100;

/** An integer sent as query-string text. */
const integerText = z.union(
  [
    z.number(),
    z
      .string()
      .regex(/^\s*\d+\s*$/)
      .transform(Number),
  ],
  {
    error: 'expected a whole number',
  },
);

export const paginationFields = {
  page: integerText.pipe(z.number().int().min(1)).default(1),
  limit: integerText.pipe(z.number().int().min(1).max(maxPageLimit)).default(defaultPageLimit),
};

/** An ISO 8601 date-time, as epoch milliseconds. */
export const isoTime = z
  .string()
  .refine((text) => !Number.isNaN(Date.parse(text)), {
    error: 'expected an ISO 8601 date-time such as 2025-01-31T12:00:00Z',
  })
  .transform((text) => Date.parse(text));

/** A parameter that may be repeated (`tags=a&tags=b`), as a list. */
export const repeatable = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (Array.isArray(value) ? value : [value]));

/**
 * The fields every list of traces, observations, scores and sessions takes: its page, and
 * Langfuse's JSON `filter` parameter, which Sereno does not read: refused, so that a client
 * never mistakes an unfiltered page for a filtered one.
 */
export const listQueryFields = {
  ...paginationFields,
  filter: z
    .undefined({ error: 'the JSON filter parameter is not supported; use the single filters' })
    .optional(),
};

export interface Pagination {
  page: number;
  limit: number;
}

/** The rows to skip to reach a page. */
export function offsetOf({ page, limit }: Pagination): number {
  return (page - 1) * limit;
}

/** Langfuse's `meta` of a paginated answer. */
export function pageMeta({ page, limit }: Pagination, totalItems: number) {
  return { page, limit, totalItems, totalPages: Math.ceil(totalItems / limit) };
}
