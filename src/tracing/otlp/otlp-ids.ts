/** How a decoded body spells span and trace ids: OTLP/JSON in hex, protobuf as bytes. */
export type IdEncoding = 'hex' | 'base64';

const idBytes = { trace: 16, span: 8 } as const;

/**
 * An OTLP id as lowercase hex, or a reason it is not one: ids must have their exact
 * length and not be all zeroes. An absent or empty id is undefined.
 */
export function readOtlpId(
  value: unknown,
  kind: keyof typeof idBytes,
  encoding: IdEncoding,
): string | undefined | { problem: string } {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') return { problem: `the ${kind} id is not a string` };
  const hex =
    encoding === 'hex' ? value.toLowerCase() : Buffer.from(value, 'base64').toString('hex');
  if (!/^[0-9a-f]*$/.test(hex) || hex.length !== idBytes[kind] * 2) {
    return { problem: `the ${kind} id is not ${idBytes[kind]} bytes of hex` };
  }
  if (/^0+$/.test(hex)) return { problem: `the ${kind} id is all zeroes` };
  return hex;
}
