/** Prices in USD per token and limits of one model, in the field names of LiteLLM's table. */
export interface ModelPrices {
  input_cost_per_token?: number;
  output_cost_per_token?: number;
  cache_read_input_token_cost?: number;
  cache_creation_input_token_cost?: number;
  max_input_tokens?: number;
  max_output_tokens?: number;
}

export const priceFieldNames = [
  'input_cost_per_token',
  'output_cost_per_token',
  'cache_read_input_token_cost',
  'cache_creation_input_token_cost',
  'max_input_tokens',
  'max_output_tokens',
] as const satisfies readonly (keyof ModelPrices)[];

/** Lays the defined fields of each later source over the earlier ones. */
export function mergePrices(...sources: (Partial<ModelPrices> | undefined)[]): ModelPrices {
  const merged: ModelPrices = {};
  for (const source of sources) {
    if (!source) continue;
    for (const field of priceFieldNames) {
      const value = source[field];
      if (typeof value === 'number' && Number.isFinite(value)) merged[field] = value;
    }
  }
  return merged;
}
