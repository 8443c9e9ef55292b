/**
 * Where each published schema lives under docs/schemas/, which is also its `$id`: relative to that
 * folder and stable, so consumers resolve them against wherever they host the folder. Files that
 * refer to others ($ref) sit at the root, so the relative references resolve the same whether a
 * consumer keys schemas by `$id` or fetches them by URL.
 */
export const schemaPaths = {
  index: 'index.json',
  recordedEvent: 'recorded-event.schema.json',
  command: 'command.schema.json',
  /** The schema of an event type's data at one schema version. */
  event: (type: string, version: number): string => `events/${type}.v${version}.schema.json`,
  /** The schema of one command type. */
  commandOf: (type: string): string => `commands/${type}.schema.json`,
} as const;
