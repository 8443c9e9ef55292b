import type { Readable } from 'node:stream';
import type * as t from 'io-ts';
import type { Caller, Permission } from '../auth/roles.js';
import type { Failure } from './errors.js';

/** A JSON answer: its status, body and any extra headers. */
export interface JsonAnswer {
  readonly _tag: 'Json';
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A streamed answer (the feed): the status, content type and the stream of the body. */
export interface StreamAnswer {
  readonly _tag: 'Stream';
  readonly status: number;
  readonly contentType: string;
  readonly stream: Readable;
  readonly headers?: Readonly<Record<string, string>>;
}

/** What a route handler answers. */
export type Answer = JsonAnswer | StreamAnswer | Failure;

/** A JSON answer value. */
export const json = (status: number, body: unknown, headers?: Readonly<Record<string, string>>): JsonAnswer => ({ _tag: 'Json', status, body, ...(headers === undefined ? {} : { headers }) });

/** What a handler is given: the caller, the decoded path parameters and query, the raw body, the request headers. */
export interface RouteInput<P, Q> {
  readonly caller: Caller;
  readonly params: P;
  readonly query: Q;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Aborted when the client goes away (a streamed feed stops reading the log). */
  readonly signal: AbortSignal;
}

/** One response of a route, for the OpenAPI document. */
export interface ResponseSpec {
  readonly description: string;
  /** The codec of the body (JSON), when it has one. */
  readonly schema?: t.Mixed;
  /** A body that is not one JSON document (the feed's NDJSON), with its media type and the codec of each line. */
  readonly lines?: { readonly contentType: string; readonly schema: t.Mixed };
}

/** A route: everything the server needs to serve it and the OpenAPI document needs to describe it. */
export interface Route<P = unknown, Q = unknown> {
  readonly method: 'GET' | 'POST';
  /** The path in OpenAPI form: /participants/{participantId}/protection. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly description: string;
  readonly tag: 'commands' | 'queries' | 'feed' | 'privacy';
  /** What the caller's role must hold (a clerk's branch is checked by the handler, which knows the branch). */
  readonly permission: Permission;
  readonly params?: t.Mixed;
  readonly query?: t.Mixed;
  /** The request body's codec; `bodySchema` overrides what the document shows (the union of served commands). */
  readonly body?: t.Mixed;
  /** Writes take an Idempotency-Key header: the first answer is kept and replayed. */
  readonly idempotencyKey?: boolean;
  readonly responses: Readonly<Record<number, ResponseSpec>>;
  readonly handler: (input: RouteInput<P, Q>) => Promise<Answer>;
}

/** A route with its parameter types erased, for the route table. */
export type AnyRoute = Route<never, never>;

/** Declares a route, typing its handler's parameters by its codecs. */
export const route = <PC extends t.Mixed | undefined = undefined, QC extends t.Mixed | undefined = undefined>(
  spec: Route<PC extends t.Mixed ? t.TypeOf<PC> : Record<string, never>, QC extends t.Mixed ? t.TypeOf<QC> : Record<string, never>> & { readonly params?: PC; readonly query?: QC },
): AnyRoute => spec as unknown as AnyRoute;
