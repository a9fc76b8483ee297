import { randomUUID } from 'node:crypto';

/**
 * A `msg_` id made from the upstream's answer id, so that the two can be matched in the
 * upstream's logs; a fresh one when the upstream sent none.
 */
export function messageIdFrom(upstreamId: string | undefined): string {
  if (!upstreamId) return `msg_${randomUUID().replaceAll('-', '')}`;
  return upstreamId.startsWith('msg_') ? upstreamId : `msg_${upstreamId}`;
}
