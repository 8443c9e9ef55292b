import type Database from 'better-sqlite3';
import type { ReadModelSnapshot, ReadModelStore } from '@jamsos/core';

/**
 * Read models in the store's own SQLite file: one row per projection holding its state (JSON), its
 * version and its checkpoint, so a read model and its checkpoint are written in one statement.
 */
export const createSqliteReadModelStore = (db: Database.Database): ReadModelStore => {
  db.exec('CREATE TABLE IF NOT EXISTS read_models (name TEXT PRIMARY KEY, version INTEGER NOT NULL, position INTEGER NOT NULL, state TEXT NOT NULL)');
  const select = db.prepare<[string], { version: number; position: number; state: string }>('SELECT version, position, state FROM read_models WHERE name = ?');
  const upsert = db.prepare('INSERT INTO read_models (name, version, position, state) VALUES (?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET version = excluded.version, position = excluded.position, state = excluded.state');
  return {
    load: async (name): Promise<ReadModelSnapshot | undefined> => {
      const row = select.get(name);
      return row === undefined ? undefined : { version: row.version, position: row.position, state: JSON.parse(row.state) as unknown };
    },
    save: async (name, snapshot) => {
      upsert.run(name, snapshot.version, snapshot.position, JSON.stringify(snapshot.state));
    },
  };
};
