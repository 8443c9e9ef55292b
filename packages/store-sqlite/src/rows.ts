/** Stored rows to events: the data and metadata JSON parsed, a damaged row named by its position. */
import { UnreadableStoredEvent, type EventMetadata, type EventToFold, type RecordedEvent } from '@jamsos/core';

/** The columns every read of whole events selects, in this order (rows are read raw, as arrays). */
export const COLUMNS = 'global_position, event_id, stream_name, stream_revision, event_type, data, metadata';

/** An events row as selected, raw. */
export type EventRow = readonly [globalPosition: number, eventId: string, streamName: string, revision: number, type: string, data: string, metadata: string];

/** The columns a read for folding selects: no id, stream or revision (about a sixth of a rebuild's reading cost). */
export const FOLD_COLUMNS = 'global_position, event_type, data, metadata';

/** A row for folding as selected, raw. */
export type FoldRow = readonly [globalPosition: number, type: string, data: string, metadata: string];

/** Where a damaged row is, for its error: its stream and revision, looked up by position. */
export type Locate = (globalPosition: number) => { readonly streamName: string; readonly revision: number };

/** A JSON string without escapes or control characters: its text is its value. */
const PLAIN = '"([^"\\\\\\u0000-\\u001f]*)"';
/** A JSON integer without sign, fraction or exponent, small enough to be exact. */
const WHOLE = '(0|[1-9][0-9]{0,14})';

/**
 * The metadata every jamsos writer produces, exactly as JSON.stringify writes it: schemaVersion,
 * recordedAt, the optional correlation and causation ids, and the optional hash-chain link. Text that
 * matches is valid JSON whose value is read off the groups; anything else is parsed by JSON.parse.
 */
export const METADATA = new RegExp(
  `^\\{"schemaVersion":${WHOLE},"recordedAt":${PLAIN}(?:,"correlationId":${PLAIN})?(?:,"causationId":${PLAIN})?` +
    `(?:,"chain":\\{"v":${WHOLE},"prev":"([0-9a-f]{64})","hash":"([0-9a-f]{64})"\\})?\\}$`,
);

/**
 * The metadata column's value: the same object JSON.parse would give (same keys, in the same order),
 * read with one regular expression when the text has the usual shape (a fifth of JSON.parse's cost on
 * a rebuild's hot path), by JSON.parse otherwise. Throws what JSON.parse throws on text that is not JSON.
 */
export const parseMetadata = (text: string): EventMetadata => {
  const m = METADATA.exec(text);
  if (m === null) return JSON.parse(text) as EventMetadata;
  const metadata: { -readonly [K in keyof EventMetadata]: EventMetadata[K] } = { schemaVersion: Number(m[1]), recordedAt: m[2] as string };
  if (m[3] !== undefined) metadata.correlationId = m[3];
  if (m[4] !== undefined) metadata.causationId = m[4];
  if (m[5] !== undefined) metadata['chain'] = { v: Number(m[5]), prev: m[6], hash: m[7] };
  return metadata;
};

const why = (column: string, error: unknown): string => `its ${column} is not JSON (${error instanceof Error ? error.message : String(error)})`;

/** The event of a row; a row whose data or metadata is not JSON throws UnreadableStoredEvent naming it. */
export const toEvent = (row: EventRow): RecordedEvent => {
  let data: unknown;
  let metadata: EventMetadata;
  try {
    data = JSON.parse(row[5]);
  } catch (error) {
    throw new UnreadableStoredEvent(row[0], row[2], row[3], row[4], why('data', error));
  }
  try {
    metadata = parseMetadata(row[6]);
  } catch (error) {
    throw new UnreadableStoredEvent(row[0], row[2], row[3], row[4], why('metadata', error));
  }
  return { id: row[1], type: row[4], data, metadata, streamName: row[2], revision: row[3], globalPosition: row[0] };
};

/** The event to fold of a row; a row whose data or metadata is not JSON throws UnreadableStoredEvent naming it. */
export const toEventToFold = (row: FoldRow, locate: Locate): EventToFold => {
  let data: unknown;
  let metadata: EventMetadata;
  let column = 'data';
  try {
    data = JSON.parse(row[2]);
    column = 'metadata';
    metadata = parseMetadata(row[3]);
  } catch (error) {
    const { streamName, revision } = locate(row[0]);
    throw new UnreadableStoredEvent(row[0], streamName, revision, row[1], why(column, error));
  }
  return { type: row[1], data, metadata, globalPosition: row[0] };
};

/** The events of a page of rows, in order, up to the first damaged row (then its error, after them). */
export const toEvents = <Row, Event>(rows: ReadonlyArray<Row>, convert: (row: Row) => Event): { readonly events: Event[]; readonly damaged?: UnreadableStoredEvent } => {
  const events = new Array<Event>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    try {
      events[i] = convert(rows[i] as Row);
    } catch (error) {
      if (!(error instanceof UnreadableStoredEvent)) throw error;
      events.length = i;
      return { events, damaged: error };
    }
  }
  return { events };
};
