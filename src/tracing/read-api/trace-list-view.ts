import type { TraceRow } from '../trace-repository.js';
import { traceView } from '../trace-views.js';
import type { TraceAggregates } from './trace-aggregates.js';
import type { TraceFieldGroup } from './trace-list-query.js';

const noAggregates: TraceAggregates = {
  observationIds: [],
  scoreIds: [],
  totalCost: 0,
  latency: 0,
};

/**
 * A trace of `GET /api/public/traces`, Langfuse's TraceWithDetails. As in Langfuse, a
 * field group left out of `fields` shows as empty lists, `-1` for the metrics, and null
 * input, output and metadata.
 */
export function traceListItemView(
  row: TraceRow,
  aggregates: TraceAggregates | undefined,
  fields: ReadonlySet<TraceFieldGroup>,
) {
  const found = aggregates ?? noAggregates;
  const view = traceView(row);
  return {
    ...view,
    input: fields.has('io') ? view.input : null,
    output: fields.has('io') ? view.output : null,
    metadata: fields.has('io') ? view.metadata : null,
    observations: fields.has('observations') ? found.observationIds : [],
    scores: fields.has('scores') ? found.scoreIds : [],
    totalCost: fields.has('metrics') ? found.totalCost : -1,
    latency: fields.has('metrics') ? found.latency : -1,
  };
}

/** Whether the page's traces need their observations and scores read. */
export function needsAggregates(fields: ReadonlySet<TraceFieldGroup>): boolean {
  return fields.has('observations') || fields.has('scores') || fields.has('metrics');
}
