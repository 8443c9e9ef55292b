import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { holds, type Caller } from '../auth/roles.js';
import { callerOf } from '../auth/tokens.js';
import { ReadModelFailed } from '../queries/read-models.js';
import type { IdempotencyStore } from '../writes/idempotency.js';
import { decodeStrict, IdempotencyKeyC } from './decode.js';
import { failure, forbidden, invalid, type Failure } from './errors.js';
import { json, type AnyRoute, type Answer, type JsonAnswer } from './route.js';

/** The largest request body accepted (a payment file of 5,000 lines fits): larger is 413. */
export const BODY_LIMIT = 4 * 1024 * 1024;

/** What the server is built from. */
export interface AppOptions {
  readonly routes: ReadonlyArray<AnyRoute>;
  readonly callers: ReadonlyMap<string, Caller>;
  readonly idempotency: IdempotencyStore;
  /** The OpenAPI document, served at /openapi.json. */
  readonly openApi: () => unknown;
  /** Called with an unexpected error (a bug): the answer is a 500. */
  readonly onBug: (error: unknown, request: string) => void;
}

/** What Fastify's own errors (body parsing, limits, media types) become. */
const frameworkFailure = (error: { readonly code?: string; readonly statusCode?: number; readonly message: string }): Failure | undefined => {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return failure(413, 'body-too-large', `the body is larger than ${BODY_LIMIT} bytes`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return failure(415, 'unsupported-media-type', 'send the body as application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return invalid('body', [{ path: '', message: 'the body is empty; send a JSON document' }]);
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return failure(400, 'invalid-content-length', error.message);
    default:
      if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500)
        return error instanceof SyntaxError || /JSON/i.test(error.message)
          ? invalid('body', [{ path: '', message: `not JSON: ${error.message}` }])
          : failure(error.statusCode, 'bad-request', error.message);
      return undefined;
  }
};

/** Sends an answer: JSON, a stream, or an error body. */
const send = async (reply: FastifyReply, answer: Answer): Promise<FastifyReply> => {
  if (answer._tag === 'Failure') return reply.code(answer.status).type('application/json; charset=utf-8').send(answer.body);
  for (const [name, value] of Object.entries(answer.headers ?? {})) void reply.header(name, value);
  if (answer._tag === 'Stream') return reply.code(answer.status).type(answer.contentType).send(answer.stream);
  return reply.code(answer.status).type('application/json; charset=utf-8').send(answer.body);
};

/** Answers that an Idempotency-Key keeps: successes and the domain's refusals, not input errors or retryable failures. */
const keepsAnswer = (answer: Answer): answer is JsonAnswer | Failure => {
  if (answer._tag === 'Stream') return false;
  if (answer._tag === 'Json') return answer.status < 300;
  return (answer.status === 409 || answer.status === 422) && answer.body.error.code !== 'concurrent-write';
};

/** Runs one request at a time per key. */
const keyedLock = () => {
  const tails = new Map<string, Promise<unknown>>();
  return async <A>(key: string, task: () => Promise<A>): Promise<A> => {
    const previous = tails.get(key) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    try {
      return await run;
    } finally {
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
};

/** The Fastify server with every route, the role checks, validation, idempotency and error answers. */
export const buildApp = (options: AppOptions): FastifyInstance => {
  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT, return503OnClosing: true, forceCloseConnections: true, routerOptions: { maxParamLength: 200 } });
  app.removeContentTypeParser(['text/plain']);
  const lock = keyedLock();

  app.setErrorHandler((error: { code?: string; statusCode?: number; message: string }, request, reply) => {
    const known = frameworkFailure(error);
    if (known !== undefined) return send(reply, known);
    if (error instanceof ReadModelFailed) return send(reply, failure(503, 'read-model-unavailable', error.message));
    options.onBug(error, `${request.method} ${request.url}`);
    return send(reply, failure(500, 'internal-error', 'the service failed on this request; it is logged'));
  });
  app.setNotFoundHandler((request, reply) => send(reply, failure(404, 'not-found', `no route ${request.method} ${request.url.split('?')[0]}: see /openapi.json`)));

  app.get('/openapi.json', async (_request, reply) => reply.type('application/json; charset=utf-8').send(options.openApi()));
  app.get('/health', async () => ({ status: 'ok' }));

  const idempotent = async (route: AnyRoute, caller: Caller, request: FastifyRequest, run: () => Promise<Answer>): Promise<Answer> => {
    const header = request.headers['idempotency-key'];
    if (header === undefined) return run();
    if (typeof header !== 'string' || !IdempotencyKeyC.is(header)) return invalid('header', [{ path: 'Idempotency-Key', message: 'an Idempotency-Key is one header of 1-200 visible ASCII characters (a UUID is a good one)' }]);
    const routeId = `${route.method} ${route.path}`;
    return lock(`${caller.name}\u0000${routeId}\u0000${header}`, async () => {
      const digest = options.idempotency.digest({ params: request.params, body: request.body });
      const first = options.idempotency.find(caller.name, routeId, header);
      if (first !== undefined)
        return first.digest === digest
          ? json(first.status, first.body, { 'idempotent-replayed': 'true' })
          : failure(422, 'idempotency-key-reused', `the Idempotency-Key ${header} was used for a different request to ${routeId}; use a new key for a new request`);
      const answer = await run();
      if (keepsAnswer(answer)) options.idempotency.save(caller.name, routeId, header, { digest, status: answer.status, body: answer.body });
      return answer;
    });
  };

  for (const route of options.routes) {
    app.route({
      method: route.method,
      url: route.path.replace(/\{(\w+)\}/g, ':$1'),
      handler: async (request, reply) => {
        const caller = callerOf(options.callers, request.headers.authorization);
        if (caller === undefined) {
          void reply.header('www-authenticate', 'Bearer');
          return send(reply, failure(401, 'unauthorized', 'give a token the service knows: Authorization: Bearer <token>'));
        }
        if (!holds(caller, route.permission)) return send(reply, forbidden(`${/^[aeiou]/.test(caller.role) ? 'an' : 'a'} ${caller.role} may not call ${route.method} ${route.path} (it needs ${route.permission})`));
        const params = decodeStrict(route.params ?? t.type({}), request.params, 'path');
        if (E.isLeft(params)) return send(reply, params.left);
        const query = decodeStrict(route.query ?? t.type({}), request.query, 'query');
        if (E.isLeft(query)) return send(reply, query.left);
        const aborted = new AbortController();
        reply.raw.on('close', () => aborted.abort());
        const run = () => route.handler({ caller, params: params.right as never, query: query.right as never, body: request.body, headers: request.headers, signal: aborted.signal });
        return send(reply, route.idempotencyKey === true ? await idempotent(route, caller, request, run) : await run());
      },
    });
  }
  return app;
};
