import { personalDataFields, type JamsosEventType } from '@jamsos/domain';

/** Event data with its personal-data fields set to null, and the paths that were redacted. */
export interface Redacted {
  readonly data: unknown;
  readonly redacted: ReadonlyArray<string>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Sets the value at a path like "heirs[].name" to null in a (copied) value; returns true when a value
 * was there. Copies only along the path, so the stored event is never changed.
 */
const redactPath = (value: unknown, segments: ReadonlyArray<string>): { readonly value: unknown; readonly found: boolean } => {
  const [head, ...rest] = segments;
  if (head === undefined || !isRecord(value)) return { value, found: false };
  const many = head.endsWith('[]');
  const key = many ? head.slice(0, -2) : head;
  if (!(key in value) || value[key] === undefined) return { value, found: false };
  if (!many) {
    if (rest.length === 0) return { value: { ...value, [key]: null }, found: value[key] !== null };
    const inner = redactPath(value[key], rest);
    return inner.found ? { value: { ...value, [key]: inner.value }, found: true } : { value, found: false };
  }
  const items = value[key];
  if (!Array.isArray(items)) return { value, found: false };
  let found = false;
  const redactedItems = items.map((item) => {
    if (rest.length === 0) {
      found ||= item !== null;
      return null;
    }
    const inner = redactPath(item, rest);
    found ||= inner.found;
    return inner.value;
  });
  return found ? { value: { ...value, [key]: redactedItems }, found: true } : { value, found: false };
};

/** Redacts an event's personal-data fields (by its type's codec: nik, name, birthDate, heirs[].name, ...). */
export const redactEvent = (type: string, data: unknown): Redacted => {
  let current = data;
  const redacted: string[] = [];
  for (const path of personalDataFields(type as JamsosEventType)) {
    const result = redactPath(current, path.split('.'));
    if (result.found) {
      current = result.value;
      redacted.push(path);
    }
  }
  return { data: current, redacted };
};
