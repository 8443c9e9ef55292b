import type Database from 'better-sqlite3';

/**
 * Where a projection runner keeps a read model's position when the read model lives in the same
 * SQLite database as the events. `commit` runs `apply` (the read model's writes, on the same
 * database, synchronously) and records the position in ONE transaction: after a crash the read model
 * and its checkpoint agree, so the runner resumes exactly after the last event the model includes.
 * A throw inside `apply` rolls back both and is rethrown.
 */
export interface SqliteCheckpointStore {
  /** The position a read model has committed, or undefined if it never committed. */
  load(name: string): number | undefined;
  /** Runs `apply` and sets the checkpoint to `position` atomically; rethrows (after a rollback) what `apply` throws. */
  commit(name: string, position: number, apply: () => void): void;
}

/** Something that holds a database: a SQLite event store, or the database itself. */
export type HasDatabase = Database.Database | { readonly database: Database.Database };

const databaseOf = (holder: HasDatabase): Database.Database => ('database' in holder ? holder.database : holder);

interface Statements {
  readonly select: Database.Statement<[string], number>;
  readonly upsert: Database.Statement<[string, number]>;
}

/** Statements prepared once per database. */
const prepared = new WeakMap<Database.Database, Statements>();

const statementsOf = (db: Database.Database): Statements => {
  let statements = prepared.get(db);
  if (statements === undefined) {
    statements = {
      select: db.prepare<[string], number>('SELECT position FROM checkpoints WHERE name = ?').pluck(),
      upsert: db.prepare<[string, number]>('INSERT INTO checkpoints (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position'),
    };
    prepared.set(db, statements);
  }
  return statements;
};

/** Runs `fn` in one IMMEDIATE transaction on the store's database: committed if it returns, rolled back if it throws. */
export const withTransaction = <A>(holder: HasDatabase, fn: (db: Database.Database) => A): A => {
  const db = databaseOf(holder);
  return db.transaction(() => fn(db)).immediate();
};

/** The checkpoint recorded under `name`, or undefined. */
export const readCheckpoint = (holder: HasDatabase, name: string): number | undefined => statementsOf(databaseOf(holder)).select.get(name) ?? undefined;

/** Runs `work` and sets the checkpoint `name` to `position` in one transaction; a throw rolls back both. */
export const commitWithCheckpoint = (holder: HasDatabase, name: string, position: number, work: (db: Database.Database) => void): void => {
  const db = databaseOf(holder);
  const { upsert } = statementsOf(db);
  withTransaction(db, () => {
    work(db);
    upsert.run(name, position);
  });
};

/** The checkpoint store on a database opened by the SQLite event store (which creates the `checkpoints` table). */
export const createSqliteCheckpointStore = (holder: HasDatabase): SqliteCheckpointStore => ({
  load: (name) => readCheckpoint(holder, name),
  commit: (name, position, apply) => commitWithCheckpoint(holder, name, position, () => apply()),
});
