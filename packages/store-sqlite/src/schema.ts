import type Database from 'better-sqlite3';

/** The schema version this package writes and reads. */
export const SCHEMA_VERSION = 1;

/** The component name under which the event store records its version in `schema_version`. */
export const SCHEMA_COMPONENT = 'jamsos-event-store';

/** Version 1: the event log, and the checkpoints of read models kept in the same database. */
const VERSION_1 = `
  CREATE TABLE events (
    global_position INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id        TEXT    NOT NULL UNIQUE,
    stream_name     TEXT    NOT NULL,
    stream_revision INTEGER NOT NULL,
    event_type      TEXT    NOT NULL,
    data            TEXT    NOT NULL,
    metadata        TEXT    NOT NULL,
    UNIQUE (stream_name, stream_revision)
  ) STRICT;
  CREATE TABLE IF NOT EXISTS checkpoints (
    name     TEXT    PRIMARY KEY,
    position INTEGER NOT NULL
  ) STRICT;
`;

/**
 * Migrations in order: entry i takes the schema from version i to i + 1. The UNIQUE
 * (stream_name, stream_revision) constraint's index is the index for reading by stream.
 */
const migrations: ReadonlyArray<string> = [VERSION_1];

/**
 * Creates or migrates the schema inside one IMMEDIATE transaction, so that several processes opening
 * the same new file do not race. Throws if the file was written by a newer version of this package.
 */
export const ensureSchema = (db: Database.Database): void => {
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS schema_version (component TEXT PRIMARY KEY, version INTEGER NOT NULL) STRICT');
    const row = db.prepare<[string], { version: number }>('SELECT version FROM schema_version WHERE component = ?').get(SCHEMA_COMPONENT);
    const current = row?.version ?? 0;
    if (current > SCHEMA_VERSION) throw new Error(`the database's event store schema is version ${current}; this package knows up to ${SCHEMA_VERSION}`);
    for (let version = current; version < SCHEMA_VERSION; version++) db.exec(migrations[version] as string);
    if (current < SCHEMA_VERSION)
      db.prepare('INSERT INTO schema_version (component, version) VALUES (?, ?) ON CONFLICT (component) DO UPDATE SET version = excluded.version').run(SCHEMA_COMPONENT, SCHEMA_VERSION);
  }).immediate();
};
