import { z } from 'zod';
import bundledTable from './data/model-prices.json' with { type: 'json' };
import { mergePrices, type ModelPrices } from './model-prices.js';

const priceEntrySchema = z.object({
  input_cost_per_token: z.number().nonnegative().optional(),
  output_cost_per_token: z.number().nonnegative().optional(),
  cache_read_input_token_cost: z.number().nonnegative().optional(),
  cache_creation_input_token_cost: z.number().nonnegative().optional(),
  max_input_tokens: z.number().int().positive().optional(),
  max_output_tokens: z.number().int().positive().optional(),
});

const priceTableSchema = z.object({
  source: z.string(),
  retrieved: z.string(),
  unit: z.literal('USD per token'),
  models: z.record(z.string(), priceEntrySchema),
});

/** Prices and context windows by `provider/model`, looked up case-insensitively. */
export class PriceTable {
  private readonly entries = new Map<string, ModelPrices>();

  constructor(models: Record<string, ModelPrices>) {
    for (const [name, prices] of Object.entries(models)) {
      this.entries.set(name.toLowerCase(), mergePrices(prices));
    }
  }

  /**
   * Finds the prices of a model: `provider/model` first, then the model alone when it is
   * itself `provider/model` (as behind OpenRouter), then both with a date suffix cut.
   */
  find(provider: string, model: string): ModelPrices | undefined {
    const undated = stripDateSuffix(model);
    const candidates = [`${provider}/${model}`, model, `${provider}/${undated}`, undated];
    for (const candidate of candidates) {
      const prices = this.entries.get(candidate.toLowerCase());
      if (prices) return prices;
    }
    return undefined;
  }

  get size(): number {
    return this.entries.size;
  }
}

function stripDateSuffix(model: string): string {
  return model.replace(/-(\d{4}-\d{2}-\d{2}|\d{8}|\d{4})$/, '');
}

/**
 * The table bundled with Sereno, validated when loaded: list prices of the standard tier
 * (Azure at its Global Standard price), dated as `retrieved` in the file. Mistral's
 * `-latest` aliases are left out because they move to new versions at new prices; a model
 * missing here is stored with a cost of 0 and a warning until its prices are configured.
 */
export function loadBundledPriceTable(): PriceTable {
  const table = priceTableSchema.parse(bundledTable);
  return new PriceTable(table.models);
}
