// The published files under docs/schemas/ are generated from the codecs; this test writes them when
// UPDATE_SCHEMAS=1 (`pnpm schemas`) and otherwise fails when they drift from what the codecs say.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as t from 'io-ts';
import { defineEvent, eventDefinitions } from '@jamsos/domain';
import { describe, expect, it } from 'vitest';
import { frozenEventSchemaPaths, publishedSchemaFiles, schemaCatalogue } from './index.js';
import { eventSchemas } from './events.js';
import { schemaPaths } from './paths.js';
import { newAjv } from '../testing/ajv.js';

const root = fileURLToPath(new URL('../../../../docs/schemas/', import.meta.url));
const updating = process.env['UPDATE_SCHEMAS'] === '1';

/** Every file under a folder, as paths relative to it with '/' separators. */
const filesUnder = (folder: string): string[] =>
  existsSync(folder)
    ? readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? filesUnder(join(folder, entry.name)) : [relative(root, join(folder, entry.name)).split('\\').join('/')],
      )
    : [];

describe('docs/schemas/', () => {
  const files = publishedSchemaFiles();
  const frozen = frozenEventSchemaPaths();

  // events/ and commands/ hold only generated and kept schemas; the root may also hold other published
  // documents (examples/http-service writes its OpenAPI document there), which this test leaves alone.
  const expected = new Set([...files.map((f) => f.path), ...frozen]);
  const strays = (): string[] => [...filesUnder(join(root, 'events')), ...filesUnder(join(root, 'commands'))].filter((p) => !expected.has(p));

  if (updating) {
    // Generated files are rewritten; strays (a removed type) are deleted; older versions are never touched.
    for (const stray of strays()) rmSync(join(root, stray));
    for (const file of files) {
      mkdirSync(dirname(join(root, file.path)), { recursive: true });
      writeFileSync(join(root, file.path), file.content);
    }
  }

  it('holds exactly what the codecs generate, byte for byte', () => {
    for (const file of files) {
      const path = join(root, file.path);
      const published = existsSync(path) ? readFileSync(path, 'utf8') : '(missing)';
      expect(published, `docs/schemas/${file.path} is not what the codecs generate: run pnpm schemas`).toBe(file.content);
    }
  });

  it('keeps the schema of every older event version (stored events may still have it)', () => {
    for (const path of frozen) expect(existsSync(join(root, path)), `docs/schemas/${path} is missing: stored events may have this version; restore it from git history`).toBe(true);
  });

  it('holds no other event or command schema: none of a type or version the catalogue no longer has', () => {
    expect(strays(), 'files under docs/schemas/events or commands that nothing generates: run pnpm schemas').toEqual([]);
  });

  it('load from disk into a schema registry keyed by $id, and resolve each other\'s $refs', () => {
    const ajv = newAjv();
    for (const path of filesUnder(root).filter((p) => p.endsWith('.schema.json'))) ajv.addSchema(JSON.parse(readFileSync(join(root, path), 'utf8')));
    const command = ajv.getSchema(schemaPaths.command);
    const recorded = ajv.getSchema(schemaPaths.recordedEvent);
    expect(command?.({ type: 'DecideClaim', claimId: 'KLM-1', decidedOn: '2025-08-01' })).toBe(true);
    expect(command?.({ type: 'DecideClaim', claimId: 'KLM-1', decidedOn: '2025-02-29' })).toBe(false);
    const event = { id: 'e-1', type: 'ProtectionReinstated', streamName: 'participant-p-001', revision: 4, globalPosition: 9, metadata: { schemaVersion: 1, recordedAt: '2025-01-01T00:00:00Z' } };
    expect(recorded?.({ ...event, data: { participantId: 'p-001', reinstatedOn: '2025-03-01', fromPeriod: '2025-03', policyId: 'baseline' } })).toBe(true);
    expect(recorded?.({ ...event, data: { participantId: 'p-001', reinstatedOn: '2025-03-01', fromPeriod: '2025-3', policyId: 'baseline' } })).toBe(false);
  });

  it('has one event schema per event type at its current version, and one command schema per command type', () => {
    const eventFiles = files.filter((f) => f.path.startsWith('events/')).map((f) => f.path);
    expect(eventFiles).toEqual(eventDefinitions.map((d) => `events/${d.type}.v${d.version}.schema.json`));
    const commandFiles = files.filter((f) => f.path.startsWith('commands/'));
    expect(commandFiles.map((f) => JSON.parse(f.content).$id)).toEqual(commandFiles.map((f) => f.path));
    expect(commandFiles.length).toBeGreaterThanOrEqual(12);
  });
});

describe('versions', () => {
  // A made-up event at version 3: versions 1 and 2 have only upcasters, so their files are kept, not generated.
  const renamed = defineEvent({
    type: 'WorkerRenamed',
    version: 3,
    kind: 'fact',
    description: 'test only',
    codec: t.type({ given: t.string, family: t.string }),
    upcasters: { 1: (d) => d, 2: (d) => d },
  });

  it('generates the current version and keeps the older ones as published files', () => {
    const generated = publishedSchemaFiles([renamed]).map((f) => f.path);
    expect(generated).toContain('events/WorkerRenamed.v3.schema.json');
    expect(generated).not.toContain('events/WorkerRenamed.v1.schema.json');
    expect(frozenEventSchemaPaths([renamed])).toEqual(['events/WorkerRenamed.v1.schema.json', 'events/WorkerRenamed.v2.schema.json']);
  });

  it('lists every version in the index and in the stored-event envelope, the current one marked', () => {
    const index = schemaCatalogue(eventSchemas([renamed]), []);
    expect(index.events[0]?.versions).toEqual([
      { version: 1, $id: 'events/WorkerRenamed.v1.schema.json', current: false },
      { version: 2, $id: 'events/WorkerRenamed.v2.schema.json', current: false },
      { version: 3, $id: 'events/WorkerRenamed.v3.schema.json', current: true },
    ]);
    const envelope = JSON.parse(publishedSchemaFiles([renamed]).find((f) => f.path === schemaPaths.recordedEvent)?.content ?? '{}');
    expect(envelope.anyOf.map((a: { properties: { data: { $ref: string } } }) => a.properties.data.$ref)).toEqual([1, 2, 3].map((v) => `events/WorkerRenamed.v${v}.schema.json`));
  });
});
