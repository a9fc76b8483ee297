/** A cost the client sent, in Langfuse's `costDetails` keys, with its total in USD. */
export interface CostWithTotal {
  costDetails: Record<string, number>;
  totalCost: number;
}

/** Cost details with their `total`: the one sent, else the sum of the other keys. */
export function withCostTotal(costs: Record<string, number>): CostWithTotal {
  const totalCost =
    costs.total ??
    Object.entries(costs).reduce((sum, [key, value]) => (key === 'total' ? sum : sum + value), 0);
  return { costDetails: { ...costs, total: totalCost }, totalCost };
}
