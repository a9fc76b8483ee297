import { scoreView } from '../trace-views.js';
import { defaultEnvironment } from './environment-filter.js';
import type { ScoreListRow } from './score-list.js';

function parseTags(text: string | null): string[] {
  if (text === null) return [];
  try {
    const parsed = JSON.parse(text) as unknown;
    return Array.isArray(parsed) ? parsed.filter((tag) => typeof tag === 'string') : [];
  } catch {
    return [];
  }
}

/** A score of `GET /api/public/scores`, with what Langfuse shows of the trace it judges. */
export function scoreListItemView(row: ScoreListRow) {
  const view = scoreView(row);
  if (row.trace_found === null) return view;
  return {
    ...view,
    trace: {
      userId: row.trace_user_id ?? undefined,
      sessionId: row.trace_session_id ?? undefined,
      environment: row.trace_environment ?? defaultEnvironment,
      tags: parseTags(row.trace_tags),
    },
  };
}
