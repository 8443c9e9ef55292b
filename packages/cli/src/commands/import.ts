import { readFileSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import { explainParticipantRejection, Period, type ParticipantCommand, type ParticipantId } from '@jamsos/domain';
import { checkOptions, UsageError, type ParsedArgs } from '../args.js';
import { openContext, PARTICIPANT_ID_KEY_ENV, storeTargetOf, type Context } from '../context/index.js';
import { progressBar } from '../format/progress.js';
import { parseCsv } from '../import/csv.js';
import { readHeader, readRow, type RosterRow, type RowRejection } from '../import/roster.js';
import { formatOf, STORE_HELP, STORE_OPTIONS, STORE_USAGE, type Output } from './shared.js';

/** What `jamsos import --help` prints. */
export const importHelp = `jamsos import <roster.csv> [--json] ${STORE_USAGE}

Imports a sponsor roster as a city office or a civil-servant scheme sends it: one worker per row with
columns nik, name, category, sponsor, branch, start_month (Indonesian headers such as nama, kategori,
kantor_cabang, bulan_mulai are understood; optional: birth_date, region, declared_income).
Categories are written the way offices write them (ART, sopir, petani, nelayan, pedagang pasar,
tukang bangunan, takmir masjid, ketua RT/RW, kader, linmas, pekerja mandiri); the sponsor is a
programme by name (GEMET SEKUL, or APBD:<name>), ASN:<sponsor id>, CSR:<sponsor id>, or MANDIRI.
Each worker is registered and enrolled in BPU (JKK + JKM) from the start month, in one atomic step.
Every bad row is reported with its line number and reasons, and nothing of it is written; good rows
are imported. Importing the same file again adds nothing. Exits 1 when any row was rejected.

Participant ids are an HMAC of the NIK under a secret key. A SQLite store makes the key and keeps it
in its file. On EventStoreDB the key stays out of the event log: give it in ${PARTICIPANT_ID_KEY_ENV}
(64 hex characters; make one with node -e "console.log(require('crypto').randomBytes(32).toString('hex'))"
and use the same key for every import into that database).

${STORE_HELP}`;

/** The registration and enrolment a roster row stands for. */
const commandsFor = (row: RosterRow, participantId: ParticipantId): ParticipantCommand[] => {
  const on = Period.firstDay(row.startMonth);
  return [
    { type: 'RegisterParticipant', participantId, nik: row.nik, name: row.name, birthDate: row.birthDate, domicileRegionId: row.nik.slice(0, 4) as never, registeredOn: on },
    {
      type: 'EnrolParticipant',
      participantId,
      terms: { segment: 'BPU', declaredIncome: row.declaredIncome as never },
      programmes: ['JKK', 'JKM'],
      branchId: row.branchId,
      regionId: row.regionId,
      category: row.category,
      enrolledOn: on,
      firstPeriod: row.startMonth,
      sponsor: row.sponsor,
    },
  ];
};

/** What an import did. */
interface ImportSummary {
  readonly file: string;
  readonly rows: number;
  readonly imported: number;
  readonly unchanged: number;
  readonly rejected: ReadonlyArray<RowRejection>;
}

const importRows = async (context: Context, rows: ReadonlyArray<RosterRow>, rejected: RowRejection[]): Promise<{ imported: number; unchanged: number }> => {
  let imported = 0;
  let unchanged = 0;
  const progress = progressBar('importing');
  for (const [i, row] of rows.entries()) {
    const participantId = context.participantIdFor(row.nik) as ParticipantId;
    const result = await context.service.participantSequence(commandsFor(row, participantId), { correlationId: `import:line-${row.line}` })();
    if (E.isRight(result)) {
      if (result.right.appended) imported++;
      else unchanged++;
    } else {
      const error = result.left;
      const reason = error._tag === 'RejectedInSequence' ? explainParticipantRejection(error.rejection) : 'message' in error ? error.message : error._tag;
      rejected.push({ line: row.line, reasons: [reason] });
    }
    progress.update(i + 1, rows.length);
  }
  progress.finish();
  return { imported, unchanged };
};

/**
 * A roster's text, or where its first byte that is not UTF-8 is: an office's export in Windows-1252 or
 * UTF-16 would otherwise be imported with each such byte turned into U+FFFD ("Jos\uFFFD Rizal").
 */
const utf8TextOf = (bytes: Buffer): E.Either<{ readonly line: number; readonly hint: string }, string> => {
  try {
    return E.right(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const bad = lenient.indexOf('\uFFFD');
    const line = bad < 0 ? 1 : lenient.slice(0, bad).split('\n').length;
    const utf16 = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
    return E.left({ line, hint: utf16 ? 'it looks like UTF-16' : 'perhaps Windows-1252 or Latin-1' });
  }
};

/** `jamsos import`: a sponsor roster into the store, row by row, all or nothing per row. */
export const importCommand = async (args: ParsedArgs, output: Output): Promise<number> => {
  checkOptions(args, ['json', ...STORE_OPTIONS]);
  const [file, ...extra] = args.positional;
  if (file === undefined || extra.length > 0) throw new UsageError('give exactly one roster file: jamsos import <roster.csv>');
  const target = storeTargetOf(args, { participantIds: true });
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (cause) {
    output.err(`cannot read ${file}: ${(cause as Error).message}`);
    return 1;
  }
  const text = utf8TextOf(bytes);
  if (E.isLeft(text)) {
    output.err(`${file}, line ${text.left.line}: not UTF-8 text (${text.left.hint}); save the roster as "CSV UTF-8" and import it again. Nothing was imported.`);
    return 1;
  }
  const { records, errors } = parseCsv(text.right);
  const [header, ...body] = records;
  if (header === undefined) {
    output.err(`${file} is empty: a roster needs a header line and one line per worker`);
    return 1;
  }
  const columns = readHeader(header);
  if (E.isLeft(columns)) {
    output.err(`${file}, line 1: ${columns.left}`);
    return 1;
  }
  const rejected: RowRejection[] = errors.map((e) => ({ line: e.line, reasons: [e.reason] }));
  const rows: RosterRow[] = [];
  for (const record of body) {
    const row = readRow(record, columns.right);
    if (E.isLeft(row)) rejected.push(row.left);
    else rows.push(row.right);
  }
  const context = await openContext(target, { create: true });
  let summary: ImportSummary;
  try {
    const { imported, unchanged } = await importRows(context, rows, rejected);
    summary = { file, rows: body.length, imported, unchanged, rejected: [...rejected].sort((a, b) => a.line - b.line) };
  } finally {
    await context.close();
  }
  if (formatOf(args) === 'json') output.out(JSON.stringify(summary, null, 2));
  else {
    output.out(`${file}: ${summary.rows} rows; ${summary.imported} workers imported, ${summary.unchanged} already there, ${summary.rejected.length} rows rejected`);
    for (const r of summary.rejected) output.err(`${file}, line ${r.line}: ${r.reasons.join('; ')}`);
  }
  return summary.rejected.length > 0 ? 1 : 0;
};
