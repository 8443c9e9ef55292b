import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh database file name in the temp folder, for tests. */
export const tempDatabasePath = (label = 'store'): string => join(tmpdir(), `jamsos-sqlite-${label}-${process.pid}-${randomUUID()}.db`);

/** Deletes a database file with its WAL and shared-memory files, for tests. */
export const removeDatabase = (path: string): void => {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
};
