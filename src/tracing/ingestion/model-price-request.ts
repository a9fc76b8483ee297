import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { usageUnits } from './ingestion-schema.js';
import { compileMatchPattern } from './match-model-price.js';
import type { ModelPrice } from './model-price-repository.js';

const priceSchema = z.number().nonnegative().nullish();

/** One pricing tier; Sereno takes only the default one, without conditions. */
const pricingTierSchema = z.object({
  name: z.string().optional(),
  isDefault: z.boolean().optional(),
  priority: z.number().int().optional(),
  conditions: z.array(z.unknown()).optional(),
  prices: z.record(z.string(), z.number().nonnegative()),
});

function compiles(pattern: string): boolean {
  try {
    compileMatchPattern(pattern);
    return true;
  } catch {
    return false;
  }
}

/**
 * `POST /api/public/models`, as Langfuse's models API takes it: flat prices
 * (`inputPrice`, `outputPrice`, or `totalPrice` alone), or `pricingTiers` with one default
 * tier whose `prices` are keyed by usage key. Tiers with conditions are refused: Sereno
 * does not price by thresholds.
 */
export const createModelPriceSchema = z
  .object({
    modelName: z.string().min(1),
    matchPattern: z.string().min(1).refine(compiles, { message: 'not a regular expression' }),
    startDate: z
      .string()
      .refine((text) => !Number.isNaN(Date.parse(text)), { message: 'not a date' })
      .nullish(),
    unit: z.enum(usageUnits).default('TOKENS'),
    inputPrice: priceSchema,
    outputPrice: priceSchema,
    totalPrice: priceSchema,
    pricingTiers: z.array(pricingTierSchema).nullish(),
    tokenizerId: z.enum(['openai', 'claude']).nullish(),
    tokenizerConfig: z.unknown().optional(),
  })
  .refine(
    (body) => !(body.totalPrice != null && (body.inputPrice != null || body.outputPrice != null)),
    {
      message: 'totalPrice cannot be set with inputPrice or outputPrice',
      path: ['totalPrice'],
    },
  )
  .refine(
    (body) =>
      !body.pricingTiers ||
      (body.inputPrice == null && body.outputPrice == null && body.totalPrice == null),
    { message: 'send pricingTiers or flat prices, not both', path: ['pricingTiers'] },
  )
  .refine(
    (body) =>
      !body.pricingTiers ||
      (body.pricingTiers.length === 1 && (body.pricingTiers[0]?.conditions ?? []).length === 0),
    {
      message: 'Sereno takes one default pricing tier without conditions',
      path: ['pricingTiers'],
    },
  );
export type CreateModelPriceRequest = z.infer<typeof createModelPriceSchema>;

function pricesOf(request: CreateModelPriceRequest): Record<string, number> {
  const tier = request.pricingTiers?.[0];
  if (tier) return { ...tier.prices };
  const prices: Record<string, number> = {};
  if (request.inputPrice != null) prices.input = request.inputPrice;
  if (request.outputPrice != null) prices.output = request.outputPrice;
  if (request.totalPrice != null) prices.total = request.totalPrice;
  return prices;
}

/** A new price of a project from a checked request. */
export function modelPriceFrom(
  request: CreateModelPriceRequest,
  projectId: string,
  now: number,
): ModelPrice {
  return {
    projectId,
    id: randomUUID(),
    modelName: request.modelName,
    matchPattern: request.matchPattern,
    startDate: request.startDate ? Date.parse(request.startDate) : undefined,
    unit: request.unit,
    prices: pricesOf(request),
    tokenizerId: request.tokenizerId ?? undefined,
    tokenizerConfig: request.tokenizerConfig ?? undefined,
    createdAt: now,
  };
}

function iso(ms: number | undefined): string | null {
  return ms === undefined ? null : new Date(ms).toISOString();
}

/** A price in the shape of Langfuse's `Model`; Sereno's own prices are never managed. */
export function modelPriceView(price: ModelPrice) {
  const prices = Object.fromEntries(
    Object.entries(price.prices).map(([key, value]) => [key, { price: value }]),
  );
  return {
    id: price.id,
    modelName: price.modelName,
    matchPattern: price.matchPattern,
    startDate: iso(price.startDate),
    unit: price.unit,
    inputPrice: price.prices.input ?? null,
    outputPrice: price.prices.output ?? null,
    totalPrice: price.prices.total ?? null,
    tokenizerId: price.tokenizerId ?? null,
    tokenizerConfig: price.tokenizerConfig ?? null,
    isLangfuseManaged: false,
    createdAt: iso(price.createdAt),
    prices,
    pricingTiers: [
      {
        id: `${price.id}-default`,
        name: 'Standard',
        isDefault: true,
        priority: 0,
        conditions: [],
        prices: price.prices,
      },
    ],
  };
}
