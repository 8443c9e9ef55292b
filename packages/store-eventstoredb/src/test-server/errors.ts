/**
 * gRPC errors of the protocol test server (not EventStoreDB), with the status codes and trailers that
 * EventStoreDB's RpcExceptions send: the client (CommandError.convertToCommandError) reads the
 * `exception` trailer and the trailers named after it to throw its typed errors.
 */
import { Metadata, status } from '@grpc/grpc-js';
import type { ServerErrorResponse } from '@grpc/grpc-js';
import type { Expected, Revision } from './log.js';

/** The fields the real server's required metadata check names (`Constants.Metadata.RequiredMetadata`). */
export const REQUIRED_METADATA = ['type', 'content-type'] as const;

/** A gRPC error with a status code, details and trailers. */
export const rpcError = (code: status, details: string, trailers: Readonly<Record<string, string>> = {}): ServerErrorResponse => {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return Object.assign(new Error(details), { code, details, metadata });
};

/** FAILED_PRECONDITION `stream-deleted`: the client throws StreamDeletedError with the stream name. */
export const streamDeleted = (streamName: string): ServerErrorResponse =>
  rpcError(status.FAILED_PRECONDITION, `Event stream '${streamName}' is deleted.`, { exception: 'stream-deleted', 'stream-name': streamName });

/** The server's signed number for an expectation: any -2, no_stream -1, stream_exists -4 (AnyStreamRevision.ToInt64). */
export const expectedVersionNumber = (expected: Expected): bigint =>
  expected === 'any' ? -2n : expected === 'no_stream' ? -1n : expected === 'stream_exists' ? -4n : expected;

/**
 * FAILED_PRECONDITION `wrong-expected-version`, as Delete and Tombstone answer it (appends answer it in the
 * AppendResp message instead). The versions are the server's signed numbers: the client reads them with
 * BigInt, so an expected no_stream arrives as -1n and a missing stream's actual version as -1n.
 */
export const wrongExpectedVersion = (operation: string, streamName: string, expected: Expected, current: Revision): ServerErrorResponse => {
  const expectedVersion = expectedVersionNumber(expected).toString(10);
  const actualVersion = (current === 'no_stream' ? -1n : current).toString(10);
  return rpcError(
    status.FAILED_PRECONDITION,
    `${operation} failed due to WrongExpectedVersion. Stream: ${streamName}, Expected version: ${expectedVersion}, Actual version: ${actualVersion}`,
    { exception: 'wrong-expected-version', 'stream-name': streamName, 'expected-version': expectedVersion, 'actual-version': actualVersion },
  );
};

/** INVALID_ARGUMENT `missing-required-metadata-property`: the client throws RequiredMetadataPropertyMissingError. */
export const requiredMetadataPropertyMissing = (missing: string): ServerErrorResponse =>
  rpcError(status.INVALID_ARGUMENT, `Required Metadata Property '${missing}' is missing`, {
    exception: 'missing-required-metadata-property',
    'required-metadata-properties': REQUIRED_METADATA.join(','),
  });

/** INVALID_ARGUMENT without trailers, for a request the server cannot make sense of (the client throws UnknownError). */
export const invalidArgument = (details: string): ServerErrorResponse => rpcError(status.INVALID_ARGUMENT, details);
