import { BadRequestError } from '../../errors/sereno-error.js';

type Schema = Record<string, unknown>;

/** The keywords of Gemini's Schema (a subset of OpenAPI 3.0) copied as they are. */
const copiedKeywords = new Set([
  'type',
  'format',
  'title',
  'description',
  'nullable',
  'enum',
  'minItems',
  'maxItems',
  'required',
  'minProperties',
  'maxProperties',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'default',
  'example',
  'propertyOrdering',
]);

/** The Gemini API accepts only these formats and answers 400 for any other. */
const acceptedFormats = new Set(['enum', 'date-time', 'float', 'double', 'int32', 'int64']);

interface Context {
  definitions: Schema;
  resolving: Set<string>;
  param: string;
}

function isSchema(value: unknown): value is Schema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function unsupported(message: string, param: string): BadRequestError {
  return new BadRequestError(message, { code: 'unsupported_parameter', param });
}

function inlineReference(node: Schema, context: Context): Schema {
  const reference = String(node.$ref);
  const name = /^#\/(?:\$defs|definitions)\/(.+)$/.exec(reference)?.[1];
  const decoded = name?.replace(/~1/g, '/').replace(/~0/g, '~');
  if (decoded === undefined || !isSchema(context.definitions[decoded])) {
    throw unsupported(`Gemini needs $ref inlined; ${reference} is not in $defs.`, context.param);
  }
  if (context.resolving.has(decoded)) {
    throw unsupported(`Gemini cannot take a recursive schema (${reference}).`, context.param);
  }
  const { $ref: _reference, ...siblings } = node;
  context.resolving.add(decoded);
  const inlined = convert({ ...context.definitions[decoded], ...siblings }, context);
  context.resolving.delete(decoded);
  return inlined;
}

/** `type: ["string", "null"]` becomes `type: "string", nullable: true`. */
function applyTypeList(types: unknown[], out: Schema): void {
  const named = types.filter((type) => type !== 'null');
  if (named.length < types.length) out.nullable = true;
  if (named.length === 1) out.type = named[0];
  else if (named.length > 1) {
    delete out.type;
    out.anyOf = named.map((type) => ({ type }));
  } else out.type = 'null';
}

/** An `anyOf` with a null branch, as Optional fields are written, becomes `nullable`. */
function applyAnyOf(branches: unknown[], out: Schema, context: Context): Schema {
  const isNull = (branch: unknown) => isSchema(branch) && branch.type === 'null';
  const kept = branches.filter((branch) => !isNull(branch)).map((b) => convert(b, context));
  if (kept.length < branches.length) out.nullable = true;
  if (kept.length === 1) return { ...kept[0], ...out };
  if (kept.length > 1) out.anyOf = kept;
  return out;
}

function convertProperties(properties: Schema, out: Schema, context: Context): void {
  const converted = Object.fromEntries(
    Object.entries(properties).map(([name, value]) => [name, convert(value, context)]),
  );
  const names = Object.keys(converted);
  // Gemini refuses an OBJECT whose properties map is present but empty.
  if (names.length > 0) out.properties = converted;
  if (Array.isArray(out.required)) {
    out.required = out.required.filter((name) => names.includes(String(name)));
    if ((out.required as unknown[]).length === 0) delete out.required;
  }
}

function convert(node: unknown, context: Context): Schema {
  if (!isSchema(node)) return {};
  if (typeof node.$ref === 'string') return inlineReference(node, context);

  let out: Schema = {};
  for (const [key, value] of Object.entries(node)) if (copiedKeywords.has(key)) out[key] = value;
  if (Array.isArray(node.type)) applyTypeList(node.type, out);
  if (node.const !== undefined && out.enum === undefined) out.enum = [String(node.const)];
  if (typeof out.format === 'string' && !acceptedFormats.has(out.format)) delete out.format;

  if (isSchema(node.properties)) convertProperties(node.properties, out, context);
  else delete out.required;
  if (node.items !== undefined) {
    out.items = convert(Array.isArray(node.items) ? node.items[0] : node.items, context);
  }
  if (Array.isArray(node.allOf) && node.allOf.length === 1) {
    out = { ...convert(node.allOf[0], context), ...out };
  }
  const branches = node.anyOf ?? node.oneOf;
  return Array.isArray(branches) ? applyAnyOf(branches, out, context) : out;
}

/**
 * A JSON Schema (tool parameters, a `json_schema` response format) in the form Gemini
 * accepts. Gemini takes an OpenAPI 3.0 subset and answers 400 for unknown keywords, so:
 * - kept: type, format (only enum, date-time, float, double, int32, int64), title,
 *   description, nullable, enum, items, properties, required, anyOf, the min/max bounds,
 *   pattern, default, example, propertyOrdering;
 * - rewritten: local `$ref` into `$defs`/`definitions` is inlined (a recursive one is
 *   refused, since Gemini cannot express it); `type: [T, "null"]` and an `anyOf` with a
 *   null branch become `nullable`; `oneOf` becomes `anyOf`; `const` becomes a one-value
 *   `enum`; a one-element `allOf` is merged in; a tuple `items` keeps its first schema;
 * - dropped: every other keyword, notably `additionalProperties`, `$schema`, `$id`,
 *   `$defs`, `definitions`, `$comment`, `strict`, `examples`, `not`, `if`/`then`/`else`,
 *   `patternProperties`, `unevaluatedProperties`, a longer `allOf`, an empty `properties`
 *   map and `required` names with no property. Dropping loosens the schema: the model
 *   is then free where the dropped keyword would have bound it.
 */
export function toGeminiSchema(schema: Schema, param: string): Schema {
  const definitions = {
    ...(isSchema(schema.definitions) ? schema.definitions : {}),
    ...(isSchema(schema.$defs) ? schema.$defs : {}),
  };
  return convert(schema, { definitions, resolving: new Set(), param });
}
