/**
 * A fixed64 nanosecond time, as OTLP/JSON writes it (a decimal string, or a number) or as
 * the protobuf decoder gives it (a decimal string). Zero, OTLP's "not set", is undefined.
 */
export function readUnixNanos(value: unknown): bigint | undefined | 'invalid' {
  if (value === undefined || value === null) return undefined;
  let nanos: bigint;
  if (typeof value === 'string' && /^\d+$/.test(value)) nanos = BigInt(value);
  else if (typeof value === 'number' && Number.isFinite(value) && value >= 0) {
    nanos = BigInt(Math.trunc(value));
  } else return 'invalid';
  return nanos === 0n ? undefined : nanos;
}

/** Whole epoch milliseconds, as Sereno stores times. */
export function nanosToMs(nanos: bigint): number {
  return Number(nanos / 1_000_000n);
}
