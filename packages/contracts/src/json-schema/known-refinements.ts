/**
 * JSON Schema keywords for refinements that do not carry their own (see the domain's `refined` and its
 * JsonSchemaHint), by codec name: io-ts's `Int` brand. A hint on the codec itself wins over this
 * table; the tests check every entry against its codec's own check.
 */
export const knownRefinementHints: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  /** io-ts's t.Int: Number.isInteger. */
  Int: { type: 'integer' },
};
