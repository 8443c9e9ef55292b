import { canonicalDayNumber, canonicalMonth, type IsoDate, type JamsosEvent, type ParticipantEventOf } from '@jamsos/domain';
import { RecordedLog, type LogDate, type PaymentColumns } from './recorded-log.js';
import type { LoggedEvent } from './types.js';

// Building a RecordedLog (see recorded-log.ts): payments into columns, with their values interned.

type Paid = ParticipantEventOf<'ContributionPaid'>;

/** The fields of ContributionPaid data, in the order the codec and the decider write them. */
const PAID_KEYS = ['participantId', 'period', 'lines', 'total', 'payer', 'paymentReference', 'paidOn', 'branchId', 'regionId'] as const;
/** Distinct knowledge times interned; past this, each event keeps its own text (a clock with milliseconds makes them unique). */
const MAX_INTERNED_TIMES = 1 << 20;

/** One value per distinct key, numbered from 0 in the order first seen. */
class Interned<T> {
  private readonly ids = new Map<string, number>();
  /** The number of each key. */
  get numbers(): ReadonlyMap<string, number> {
    return this.ids;
  }

  readonly values: T[] = [];

  id(key: string, make: () => T): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(make());
      this.ids.set(key, id);
    }
    return id;
  }

  /** Appends a value that is not interned (its own number). */
  own(value: T): number {
    this.values.push(value);
    return this.values.length - 1;
  }

  get size(): number {
    return this.ids.size;
  }
}

const isPlain = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/** True when an object has exactly these keys, in this order. */
const hasKeys = (value: Record<string, unknown>, keys: ReadonlyArray<string>): boolean => {
  let i = 0;
  for (const key in value) if (!Object.hasOwn(value, key) || key !== keys[i++]) return false;
  return i === keys.length;
};

/** The lines as a key, or undefined unless each is exactly { programme: string, amount: finite number, not -0 } (what JSON keeps exactly). */
const linesKey = (lines: unknown): string | undefined => {
  if (!Array.isArray(lines) || Object.getPrototypeOf(lines) !== Array.prototype) return undefined;
  for (const line of lines as unknown[]) {
    if (!isPlain(line) || !hasKeys(line, ['programme', 'amount']) || typeof line['programme'] !== 'string') return undefined;
    const amount = line['amount'];
    if (typeof amount !== 'number' || !Number.isFinite(amount) || Object.is(amount, -0)) return undefined;
  }
  return JSON.stringify(lines);
};

/** The payer as a key, or undefined unless it is a plain object of strings. */
const payerKey = (payer: unknown): string | undefined => (isPlain(payer) && Object.values(payer).every((v) => typeof v === 'string') ? JSON.stringify(payer) : undefined);

/** A growable column of numbers. */
class Column<A extends Float64Array | Int32Array> {
  constructor(
    public values: A,
    private readonly make: (length: number) => A,
  ) {}

  set(index: number, value: number): void {
    if (index >= this.values.length) {
      const grown = this.make(Math.max(1024, this.values.length * 2));
      grown.set(this.values);
      this.values = grown;
    }
    this.values[index] = value;
  }
}

const int32 = (n: number): Int32Array => new Int32Array(n);
const float64 = (n: number): Float64Array => new Float64Array(n);

/** A payment kept as an object (an unusual shape) that names a participant and a reference: it comes before the row `before`. */
interface ObjectPayment {
  readonly participant: number;
  readonly reference: string;
  readonly before: number;
}

/**
 * For each payment row, 1 when an earlier payment of the same participant in the log (a row, or a
 * payment kept as an object) has its reference: rows grouped by participant (a counting sort), one set
 * of references at a time.
 */
const repeatedReferences = (participants: Int32Array, references: ReadonlyArray<string>, participantCount: number, objects: ReadonlyArray<ObjectPayment>): Uint8Array => {
  const repeated = new Uint8Array(participants.length);
  const starts = new Int32Array(participantCount + 1);
  for (const p of participants) starts[p + 1] = (starts[p + 1] as number) + 1;
  for (let p = 0; p < participantCount; p++) starts[p + 1] = (starts[p + 1] as number) + (starts[p] as number);
  const next = starts.slice(0, participantCount);
  const byParticipant = new Int32Array(participants.length);
  for (let row = 0; row < participants.length; row++) {
    const p = participants[row] as number;
    byParticipant[next[p] as number] = row;
    next[p] = (next[p] as number) + 1;
  }
  const objectsOf = new Map<number, ObjectPayment[]>();
  for (const o of objects) {
    const list = objectsOf.get(o.participant);
    if (list === undefined) objectsOf.set(o.participant, [o]);
    else list.push(o);
  }
  const seen = new Set<string>();
  for (let p = 0; p < participantCount; p++) {
    seen.clear();
    const others = objectsOf.get(p) ?? [];
    let o = 0;
    for (let k = starts[p] as number; k < (starts[p + 1] as number); k++) {
      const row = byParticipant[k] as number;
      for (; o < others.length && (others[o] as ObjectPayment).before <= row; o++) seen.add((others[o] as ObjectPayment).reference);
      const reference = references[row] as string;
      if (seen.has(reference)) repeated[row] = 1;
      else seen.add(reference);
    }
  }
  return repeated;
};

/** Builds a RecordedLog event by event (see loadRecordedLog). */
export class RecordedLogBuilder {
  private length = 0;
  private paymentCount = 0;
  private readonly positions = new Column(float64(0), float64);
  private readonly timeIds = new Column(int32(0), int32);
  private readonly rows = new Column(int32(0), int32);
  private readonly subjects = new Column(int32(0), int32);
  private readonly objects: JamsosEvent[] = [];
  private readonly times = new Interned<string>();
  private readonly participantIds = new Interned<string>();
  private readonly dates = new Interned<LogDate | undefined>();
  private readonly lines = new Interned<Paid['data']['lines']>();
  private readonly payers = new Interned<Paid['data']['payer']>();
  private readonly places = new Interned<string>();
  private readonly columns = {
    participant: new Column(int32(0), int32),
    period: new Column(int32(0), int32),
    lines: new Column(int32(0), int32),
    total: new Column(float64(0), float64),
    payer: new Column(int32(0), int32),
    paidOn: new Column(int32(0), int32),
    branch: new Column(int32(0), int32),
    region: new Column(int32(0), int32),
  };
  private readonly references: string[] = [];
  private readonly objectPayments: ObjectPayment[] = [];

  /** Adds the next event of the log. */
  add(event: JamsosEvent, globalPosition: number, recordedAt: string): void {
    const i = this.length++;
    this.positions.set(i, globalPosition);
    this.timeIds.set(i, this.times.size < MAX_INTERNED_TIMES ? this.times.id(recordedAt, () => recordedAt) : this.times.own(recordedAt));
    const row = event.type === 'ContributionPaid' ? this.addPayment(event.data) : -1;
    if (row >= 0) {
      this.rows.set(i, row);
      this.subjects.set(i, this.columns.participant.values[row] as number);
    } else {
      this.rows.set(i, ~this.objects.length);
      this.objects.push(event);
      const data: unknown = event.data;
      const participantId = isPlain(data) ? data['participantId'] : undefined;
      const participant = typeof participantId === 'string' ? this.participantIds.id(participantId, () => participantId) : -1;
      this.subjects.set(i, participant);
      const reference = event.type === 'ContributionPaid' && isPlain(data) ? data['paymentReference'] : undefined;
      if (participant >= 0 && typeof reference === 'string') this.objectPayments.push({ participant, reference, before: this.paymentCount });
    }
  }

  /** Adds a payment's columns and returns its row, or -1 when it must stay an object. */
  private addPayment(data: unknown): number {
    if (!isPlain(data) || !hasKeys(data, PAID_KEYS)) return -1;
    const { participantId, period, lines, total, payer, paymentReference, paidOn, branchId, regionId } = data;
    if (typeof participantId !== 'string' || typeof period !== 'string' || typeof total !== 'number' || typeof paymentReference !== 'string') return -1;
    if (typeof paidOn !== 'string' || typeof branchId !== 'string' || typeof regionId !== 'string') return -1;
    const month = canonicalMonth(period);
    const linesId = linesKey(lines);
    const payerId = payerKey(payer);
    const date = this.dates.id(paidOn, () => {
      const day = canonicalDayNumber(paidOn);
      return day === undefined ? undefined : { text: paidOn as IsoDate, day, month: canonicalMonth(paidOn.slice(0, 7)) };
    });
    if (month < 0 || linesId === undefined || payerId === undefined || this.dates.values[date] === undefined) return -1;
    const row = this.paymentCount++;
    const c = this.columns;
    c.participant.set(row, this.participantIds.id(participantId, () => participantId));
    c.period.set(row, month);
    c.lines.set(row, this.lines.id(linesId, () => Object.freeze((lines as Paid['data']['lines']).map((l) => Object.freeze({ programme: l.programme, amount: l.amount })))));
    c.total.set(row, total);
    c.payer.set(row, this.payers.id(payerId, () => Object.freeze({ ...(payer as Paid['data']['payer']) })));
    this.references.push(paymentReference);
    c.paidOn.set(row, date);
    c.branch.set(row, this.places.id(branchId, () => branchId));
    c.region.set(row, this.places.id(regionId, () => regionId));
    return row;
  }

  /** The log built so far. */
  build(): RecordedLog {
    const n = this.length;
    const c = this.columns;
    const rows = this.paymentCount;
    const payments: PaymentColumns = {
      participant: c.participant.values.subarray(0, rows),
      period: c.period.values.subarray(0, rows),
      lines: c.lines.values.subarray(0, rows),
      total: c.total.values.subarray(0, rows),
      payer: c.payer.values.subarray(0, rows),
      reference: this.references,
      paidOn: c.paidOn.values.subarray(0, rows),
      branch: c.branch.values.subarray(0, rows),
      region: c.region.values.subarray(0, rows),
      repeated: repeatedReferences(c.participant.values.subarray(0, rows), this.references, this.participantIds.values.length, this.objectPayments),
    };
    const dates = this.dates.values.map((d) => d ?? { text: '' as IsoDate, day: Number.NaN, month: -1 });
    return new RecordedLog(
      n,
      this.positions.values.subarray(0, n),
      this.timeIds.values.subarray(0, n),
      this.times.values,
      this.rows.values.subarray(0, n),
      this.subjects.values.subarray(0, n),
      this.objects,
      payments,
      this.participantIds.values,
      this.participantIds.numbers,
      dates,
      this.lines.values,
      this.payers.values,
      this.places.values,
    );
  }
}

/** A RecordedLog of logged events (e.g. an array), for tests and callers that hold events already. */
export const recordedLogOf = (events: Iterable<LoggedEvent>): RecordedLog => {
  const builder = new RecordedLogBuilder();
  for (const { event, globalPosition, recordedAt } of events) builder.add(event, globalPosition, recordedAt);
  return builder.build();
};
