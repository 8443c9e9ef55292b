import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { commandSchemas } from '@jamsos/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument, SERVED_COMMAND_STREAMS } from './openapi/document.js';
import { routesOf, type Services } from './routes/index.js';
import { call, startServiceProcess, type ServiceProcess } from './testing/service-process.js';

// The OpenAPI 3.1 document is generated from the route table and the io-ts codecs the service
// validates with (commands from @jamsos/contracts). The committed copy, docs/schemas/openapi.json,
// must equal it: regenerate with  UPDATE_DOCS=1 npx vitest run examples/http-service/src/openapi.test.ts

const committedPath = fileURLToPath(new URL('../../../docs/schemas/openapi.json', import.meta.url));
/** The routes with no services behind them: enough to describe them (no handler runs). */
const routes = routesOf({} as Services);
const generated = `${JSON.stringify(openApiDocument(routes), null, 2)}\n`;
type Doc = { paths: Record<string, Record<string, { operationId: string; requestBody?: unknown; responses: Record<string, unknown>; parameters?: Array<{ name: string; in: string }> }>>; components: { schemas: Record<string, unknown> } };
const doc = JSON.parse(generated) as Doc;

if (process.env['UPDATE_DOCS'] === '1') writeFileSync(committedPath, generated);

describe('the OpenAPI document', () => {
  it('is committed as generated (docs/schemas/openapi.json)', () => {
    expect(readFileSync(committedPath, 'utf8')).toBe(generated);
  });

  it('describes every route, with its parameters, body and error answers', () => {
    for (const route of routes) {
      const operation = doc.paths[route.path]?.[route.method.toLowerCase()];
      expect(operation?.operationId).toBe(route.operationId);
      for (const status of ['400', '401', '403']) expect(operation?.responses[status]).toBeDefined();
      const names = (operation?.parameters ?? []).map((p) => `${p.in}:${p.name}`);
      for (const name of Object.keys((route.params as unknown as { props?: object } | undefined)?.props ?? {})) expect(names).toContain(`path:${name}`);
      if (route.body !== undefined || route.path === '/commands') expect(operation?.requestBody).toBeDefined();
      if (route.idempotencyKey === true) expect(names).toContain('header:Idempotency-Key');
    }
  });

  it('takes the command bodies from the published command schemas, every participant and claim command', () => {
    const served = commandSchemas().filter((c) => SERVED_COMMAND_STREAMS.has(c.stream));
    expect(served.map((c) => c.type)).toEqual(expect.arrayContaining(['RegisterParticipant', 'EnrolParticipant', 'StartSponsorship', 'EndSponsorship', 'PayContribution', 'FileClaim', 'DecideClaim', 'DisburseBenefit']));
    for (const command of served) expect(doc.components.schemas[command.type]).toMatchObject({ properties: command.schema.properties });
  });

  it('has no dangling $ref', () => {
    const refs = [...generated.matchAll(/"\$ref": "#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1] as string);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) expect(doc.components.schemas[ref], ref).toBeDefined();
  });

  it('marks personal data in request bodies (x-personal-data)', () => {
    expect(JSON.stringify(doc.components.schemas['EnrolWorker'])).toContain('"x-personal-data":true');
  });
});

describe('the served document', () => {
  let service: ServiceProcess;
  beforeAll(async () => {
    service = await startServiceProcess();
  }, 60_000);
  afterAll(async () => {
    await service?.stop();
  });

  it('is the committed one, served without a token at /openapi.json', async () => {
    const served = await call(service.url, '/openapi.json');
    expect(served.status).toBe(200);
    expect(served.body).toEqual(JSON.parse(readFileSync(committedPath, 'utf8')));
    expect(service.output.out).toContain(`OpenAPI document: ${service.url}/openapi.json`);
  });
});
