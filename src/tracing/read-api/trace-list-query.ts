import { z } from 'zod';
import { isoTime, listQueryFields, repeatable } from './list-query-fields.js';

/** The fields `orderBy` may name, as Langfuse spells them, and the column each sorts by. */
export const traceOrderColumns = {
  timestamp: 'timestamp',
  id: 'id',
  name: 'name',
  userId: 'user_id',
  sessionId: 'session_id',
  release: 'release',
  version: 'version',
  public: 'public',
} as const;

export type TraceOrderField = keyof typeof traceOrderColumns;

const orderBy = z
  .string()
  .regex(/^[A-Za-z]+\.(asc|desc)$/, { error: 'expected [field].[asc|desc], as timestamp.desc' })
  .transform((text) => {
    const [field, direction] = text.split('.') as [string, 'asc' | 'desc'];
    return { field, direction };
  })
  .refine((order) => order.field in traceOrderColumns, {
    error: `expected one of the fields ${Object.keys(traceOrderColumns).join(', ')} (bookmarks are not stored)`,
  })
  .transform((order) => order as { field: TraceOrderField; direction: 'asc' | 'desc' });

/** Field groups of `fields`; `core` is always sent. */
export const traceFieldGroups = ['core', 'io', 'scores', 'observations', 'metrics'] as const;
export type TraceFieldGroup = (typeof traceFieldGroups)[number];

const fields = z
  .string()
  .transform((text) =>
    text
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.enum(traceFieldGroups)))
  .transform((groups) => new Set<TraceFieldGroup>(['core', ...groups]));

/** `GET /api/public/traces` query parameters. */
export const traceListQuerySchema = z
  .object({
    ...listQueryFields,
    userId: z.string().optional(),
    name: z.string().optional(),
    sessionId: z.string().optional(),
    fromTimestamp: isoTime.optional(),
    toTimestamp: isoTime.optional(),
    orderBy: orderBy.default({ field: 'timestamp', direction: 'desc' }),
    tags: repeatable.optional(),
    version: z.string().optional(),
    release: z.string().optional(),
    environment: repeatable.optional(),
    fields: fields.default(new Set(traceFieldGroups)),
  })
  .loose();

export type TraceListQuery = z.infer<typeof traceListQuerySchema>;
