/** Streams.Append of the protocol test server (not EventStoreDB): one options message, then proposed messages. */
import type { ServerErrorResponse, ServerReadableStream, sendUnaryData } from '@grpc/grpc-js';
import type streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import { appendSuccess, appendWrongExpectedVersion, asBytes, expectedOf, parseUuid, streamNameOf } from './codec.js';
import { invalidArgument, REQUIRED_METADATA, requiredMetadataPropertyMissing, streamDeleted } from './errors.js';
import type { MemoryLog, ProposedEvent } from './log.js';

/**
 * A handler for the client-streaming Append call, writing to the given log atomically once the client half-closes.
 * Errors as the real server sends them: a missing `type` or `content-type` is `missing-required-metadata-property`,
 * a tombstoned stream (or `stream_exists` on a soft-deleted one) is `stream-deleted`, and a wrong expected
 * revision is an AppendResp, not an error. A request out of shape is INVALID_ARGUMENT (the real server answers
 * UNKNOWN there: it throws InvalidOperationException).
 */
export const appendHandler =
  (log: MemoryLog) =>
  (call: ServerReadableStream<streamsPb.AppendReq, streamsPb.AppendResp>, callback: sendUnaryData<streamsPb.AppendResp>): void => {
    let options: streamsPb.AppendReq.Options | undefined;
    const proposed: ProposedEvent[] = [];
    let failed = false;
    const fail = (error: ServerErrorResponse): void => {
      if (failed) return;
      failed = true;
      callback(error);
    };
    call.on('data', (req: streamsPb.AppendReq) => {
      if (failed) return;
      const header = req.getOptions();
      if (header !== undefined) {
        if (options !== undefined) return fail(invalidArgument('Append: options sent twice'));
        if (expectedOf(header) === undefined) return fail(invalidArgument('Append: no expected stream revision'));
        options = header;
        return;
      }
      const message = req.getProposedMessage();
      if (message === undefined) return fail(invalidArgument('Append: a message with neither options nor a proposed message'));
      if (options === undefined) return fail(invalidArgument('Append: a proposed message before the options'));
      const metadata = new Map<string, string>();
      message.getMetadataMap().forEach((value: string, key: string) => metadata.set(key, value));
      const missing = REQUIRED_METADATA.find((key) => !metadata.has(key));
      if (missing !== undefined) return fail(requiredMetadataPropertyMissing(missing));
      // The server keeps the type and whether the data is JSON; reads answer one of two content types.
      const contentType = metadata.get('content-type') === 'application/json' ? 'application/json' : 'application/octet-stream';
      proposed.push({
        id: parseUuid(message.getId()),
        metadata: new Map([['type', metadata.get('type') ?? ''], ['content-type', contentType]]),
        customMetadata: asBytes(message.getCustomMetadata()),
        data: asBytes(message.getData()),
      });
    });
    call.on('error', () => {
      failed = true;
    });
    call.on('end', () => {
      if (failed) return;
      if (options === undefined) return fail(invalidArgument('Append: no options message'));
      const streamName = streamNameOf(options.getStreamIdentifier());
      const expected = expectedOf(options) ?? 'any';
      const outcome = log.append(streamName, expected, proposed);
      if (outcome.kind === 'stream_deleted') return fail(streamDeleted(streamName));
      failed = true;
      if (outcome.kind === 'success') callback(null, appendSuccess(outcome.current, outcome.position));
      else callback(null, appendWrongExpectedVersion(outcome.current, outcome.expected));
    });
  };
