import protobuf from 'protobufjs/light.js';

/** As deep as protobufjs itself decodes. */
const maxDepth = 100;

interface Count {
  reader: protobuf.Reader;
  messages: number;
  limit: number;
}

/** Walks one message's fields up to `end`; false as soon as the count passes the limit. */
function walk(count: Count, type: protobuf.Type, end: number, depth: number): boolean {
  if (depth > maxDepth) throw new Error(`messages nest deeper than ${maxDepth} levels`);
  const { reader } = count;
  while (reader.pos < end) {
    const tag = reader.uint32();
    const nested = type.fieldsById[tag >>> 3]?.resolvedType;
    if ((tag & 7) !== 2 || !(nested instanceof protobuf.Type)) {
      reader.skipType(tag & 7);
      continue;
    }
    const nestedEnd = reader.uint32() + reader.pos;
    if (nestedEnd > end) throw new Error(`a message at offset ${reader.pos} runs past its end`);
    count.messages += 1;
    if (count.messages > count.limit) return false;
    if (!walk(count, nested, nestedEnd, depth + 1)) return false;
  }
  if (reader.pos !== end) throw new Error(`a field at offset ${reader.pos} runs past its message`);
  return true;
}

/**
 * Whether a protobuf body holds more than `limit` messages, counted on the wire without
 * decoding anything. A message of two bytes (an empty KeyValue) takes about 100 bytes of
 * heap once decoded, so a body's size alone does not bound the memory it needs; this
 * count does. Throws when the bytes are not a well-formed message of `type`.
 */
export function holdsMoreMessagesThan(
  bytes: Uint8Array,
  type: protobuf.Type,
  limit: number,
): boolean {
  const count: Count = { reader: protobuf.Reader.create(bytes), messages: 0, limit };
  return !walk(count, type, bytes.length, 0);
}
