// Where a published schema and the io-ts codec it was generated from may disagree: each limit with the
// reason the schema cannot say what the codec checks. docs/contracts.md lists the same limits; the
// property tests fail on any disagreement not explained here.

/** A known difference between a schema's verdict and the codec's, with the inputs it explains. */
export interface KnownLimit {
  readonly name: string;
  readonly reason: string;
  /** True when this limit explains the schema accepting a value the codec refuses (or the reverse). */
  readonly explains: (value: unknown, codecAccepts: boolean, schemaAccepts: boolean) => boolean;
}

const strings = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : Array.isArray(value) ? value.flatMap(strings) : typeof value === 'object' && value !== null ? Object.values(value).flatMap(strings) : [];

/** Characters (code points), as JSON Schema's maxLength counts them. */
const codePoints = (s: string): number => [...s].length;

export const KNOWN_LIMITS: ReadonlyArray<KnownLimit> = [
  {
    name: 'PersonName length in UTF-16 units',
    reason:
      "PersonNameC allows 200 UTF-16 code units (JavaScript's length); JSON Schema's maxLength counts characters (code points), so a name with characters outside the Basic Multilingual Plane (emoji, rare CJK) may pass maxLength 200 and still be refused.",
    explains: (value, codecAccepts, schemaAccepts) => !codecAccepts && schemaAccepts && strings(value).some((s) => s.length > 200 && codePoints(s) <= 200),
  },
];

/** The known limit that explains a disagreement, if any. */
export const explainedBy = (value: unknown, codecAccepts: boolean, schemaAccepts: boolean): KnownLimit | undefined =>
  KNOWN_LIMITS.find((limit) => limit.explains(value, codecAccepts, schemaAccepts));
