/**
 * JSON Schema keywords for refinements that do not carry their own (see the domain's `refined` and its
 * JsonSchemaHint), by codec name: io-ts's `Int` brand, and the region codecs (HeadCount, Year, Bp),
 * declared with `refined` before hints existed. A hint on the codec itself wins over this table; the
 * tests check every entry against its codec's own check.
 */
export const knownRefinementHints: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  /** io-ts's t.Int: Number.isInteger. */
  Int: { type: 'integer' },
  /** region/events.ts HeadCountC: Number.isSafeInteger(n) && n >= 0. */
  HeadCount: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
  /** region/events.ts YearC: an integer 2000-2100. */
  Year: { type: 'integer', minimum: 2000, maximum: 2100 },
  /** region/events.ts, a coverage target's share: an integer 1-10,000 basis points. */
  Bp: { type: 'integer', minimum: 1, maximum: 10_000 },
};
