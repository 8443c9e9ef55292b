import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteEventStore } from './sqlite-store.js';
import { createSqliteReadModelStore } from './read-models.js';
import { removeDatabase, tempDatabasePath } from './test-support.js';

describe('read models in the store file', () => {
  const path = tempDatabasePath('read-models');
  afterEach(() => removeDatabase(path));
  it('keeps a snapshot with its checkpoint and version, across reopening', async () => {
    const store = createSqliteEventStore({ path });
    const models = createSqliteReadModelStore(store.database);
    expect(await models.load('coverage')).toBeUndefined();
    await models.save('coverage', { version: 1, position: 42, state: { a: [1, 2] } });
    await models.save('coverage', { version: 1, position: 44, state: { a: [1, 2, 3] } });
    await store.close();
    const reopened = createSqliteEventStore({ path });
    expect(await createSqliteReadModelStore(reopened.database).load('coverage')).toEqual({ version: 1, position: 44, state: { a: [1, 2, 3] } });
    await reopened.close();
  });
});
