import type * as t from 'io-ts';
import { commandSchemas, JSON_SCHEMA_DIALECT, toJsonSchema, type JsonSchema } from '@jamsos/contracts';
import { IdempotencyKeyC } from '../http/decode.js';
import type { AnyRoute, ResponseSpec } from '../http/route.js';
import { GRANTS, ROLES } from '../auth/roles.js';

/** The version of the HTTP contract (the package's version). */
export const API_VERSION = '0.1.0';

/** The commands POST /commands accepts: every participant and claim command (region facts go through the CLI). */
export const SERVED_COMMAND_STREAMS: ReadonlySet<string> = new Set(['participant', 'claim']);

type Schemas = Record<string, JsonSchema>;

/** A codec's schema, kept once in components under the codec's name and referred to elsewhere. */
const refTo = (schemas: Schemas, codec: t.Mixed): JsonSchema => {
  const name = codec.name;
  if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) return toJsonSchema(codec);
  if (schemas[name] === undefined) {
    const { title: _title, ...schema } = toJsonSchema(codec);
    schemas[name] = schema;
  }
  return { $ref: `#/components/schemas/${name}` };
};

/** The path and query parameters of a route, each with the schema of its codec. */
const parametersOf = (route: AnyRoute): unknown[] => {
  const list = (codec: t.Mixed | undefined, where: 'path' | 'query'): unknown[] => {
    const props = (codec as (t.Mixed & { readonly props?: Record<string, t.Mixed> }) | undefined)?.props ?? {};
    return Object.entries(props).map(([name, prop]) => ({ name, in: where, required: where === 'path', schema: toJsonSchema(prop) }));
  };
  const header = route.idempotencyKey === true
    ? [{ name: 'Idempotency-Key', in: 'header', required: false, description: 'Makes any write safe to retry: the first answer is kept (per caller, route and key) and given again for the same request; the same key with a different request is 422 idempotency-key-reused.', schema: toJsonSchema(IdempotencyKeyC) }]
    : [];
  return [...list(route.params, 'path'), ...list(route.query, 'query'), ...header];
};

/** The commands of POST /commands, from the published command schemas, one component each. */
const commandBody = (schemas: Schemas): JsonSchema => {
  const served = commandSchemas().filter((c) => SERVED_COMMAND_STREAMS.has(c.stream));
  for (const command of served) {
    const { $schema: _dialect, $id: id, ...schema } = command.schema;
    schemas[command.type] = { ...schema, 'x-jamsos-schema': `docs/schemas/${String(id)}` };
  }
  return {
    oneOf: served.map((c) => ({ $ref: `#/components/schemas/${c.type}` })),
    discriminator: { propertyName: 'type', mapping: Object.fromEntries(served.map((c) => [c.type, `#/components/schemas/${c.type}`])) },
  };
};

const responseOf = (schemas: Schemas, spec: ResponseSpec, replays: boolean): unknown => ({
  description: spec.description,
  ...(replays ? { headers: { 'Idempotent-Replayed': { description: 'true when the answer is the first answer to an earlier, identical request (nothing was written now).', schema: { type: 'string', enum: ['true'] } } } } : {}),
  content: {
    ...(spec.lines === undefined ? {} : { [spec.lines.contentType]: { schema: refTo(schemas, spec.lines.schema), 'x-jamsos-one-document-per-line': true } }),
    ...(spec.schema === undefined ? {} : { 'application/json': { schema: refTo(schemas, spec.schema) } }),
  },
});

const roleTable = ROLES.map((role) => `- **${role}**: ${GRANTS[role].join(', ')}`).join('\n');

/** The OpenAPI 3.1 document of the service, generated from the route table and the io-ts codecs it validates with. */
export const openApiDocument = (routes: ReadonlyArray<AnyRoute>): unknown => {
  const schemas: Schemas = {};
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const body = route.path === '/commands' ? commandBody(schemas) : route.body === undefined ? undefined : refTo(schemas, route.body);
    const responses = Object.fromEntries(Object.entries(route.responses).map(([status, spec]) => [status, responseOf(schemas, spec, route.idempotencyKey === true && Number(status) < 300)]));
    const parameters = parametersOf(route);
    (paths[route.path] ??= {})[route.method.toLowerCase()] = {
      operationId: route.operationId,
      tags: [route.tag],
      summary: route.summary,
      description: `${route.description}\n\nRequires the permission \`${route.permission}\`.`,
      'x-jamsos-permission': route.permission,
      ...(parameters.length === 0 ? {} : { parameters }),
      ...(body === undefined ? {} : { requestBody: { required: true, content: { 'application/json': { schema: body } } } }),
      responses,
    };
  }
  paths['/openapi.json'] = { get: { operationId: 'openApi', tags: ['service'], summary: 'This document', security: [], responses: { 200: { description: 'The OpenAPI 3.1 document.', content: { 'application/json': { schema: { type: 'object' } } } } } } };
  paths['/health'] = { get: { operationId: 'health', tags: ['service'], summary: 'Whether the service is up (no data)', security: [], responses: { 200: { description: 'Up.', content: { 'application/json': { schema: { type: 'object', properties: { status: { const: 'ok' } }, required: ['status'] } } } } } } };
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: JSON_SCHEMA_DIALECT,
    info: {
      title: 'jamsos HTTP service',
      version: API_VERSION,
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      description: `jamsos over HTTP for other government systems: commands (enrol, sponsorships, payments and sponsor payment files, claims, decisions, disbursements), queries (protection as of a date, coverage and fund per region and branch, the audit explanation of a disbursement) and a feed of events for downstream systems. Request bodies are the published command schemas (docs/schemas/) generated from the io-ts codecs the service validates with. Every error is {"error": {"code", "message", "problems": [{"path", "message"}]}}. Fields marked x-personal-data are personal data under UU PDP 27/2022. See docs/embedding.md.\n\nRoles (a token carries one; a clerk's write, read-participant and read-personal-data hold for their own branch only):\n${roleTable}`,
    },
    security: [{ bearer: [] }],
    tags: [
      { name: 'commands', description: 'Writes: each idempotent by its business key or an Idempotency-Key header.' },
      { name: 'queries', description: 'Reads: protection, coverage, fund, audit.' },
      { name: 'feed', description: 'The event log for downstream systems.' },
      { name: 'privacy', description: 'Data-subject requests (UU PDP 27/2022).' },
      { name: 'service', description: 'The service itself.' },
    ],
    paths,
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A token from the service configuration (see docs/embedding.md).' } }, schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => (a < b ? -1 : 1))) },
  };
};
