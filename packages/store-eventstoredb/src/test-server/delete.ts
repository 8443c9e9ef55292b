/** Streams.Delete and Streams.Tombstone of the protocol test server (not EventStoreDB). */
import type { ServerUnaryCall, sendUnaryData } from '@grpc/grpc-js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import { expectedOf, streamNameOf } from './codec.js';
import { invalidArgument, streamDeleted, wrongExpectedVersion } from './errors.js';
import type { DeleteOutcome, MemoryLog } from './log.js';

/** The request options both calls share. */
type Options = streamsPb.DeleteReq.Options | streamsPb.TombstoneReq.Options;

/** Runs the delete against the log and answers as the real server does: a position, or an error with trailers. */
const answer = <Resp>(
  log: MemoryLog,
  options: Options | undefined,
  hard: boolean,
  respond: (position: bigint) => Resp,
  callback: sendUnaryData<Resp>,
): void => {
  if (options === undefined) return callback(invalidArgument(`${hard ? 'Tombstone' : 'Delete'}: no options`));
  const expected = expectedOf(options);
  if (expected === undefined) return callback(invalidArgument(`'${options.getExpectedStreamRevisionCase()}' is not a valid ExpectedStreamRevisionOneofCase`));
  const streamName = streamNameOf(options.getStreamIdentifier());
  const outcome: DeleteOutcome = log.delete(streamName, expected, hard);
  switch (outcome.kind) {
    case 'success':
      return callback(null, respond(outcome.position));
    case 'stream_deleted':
      return callback(streamDeleted(streamName));
    case 'wrong_expected_version':
      return callback(wrongExpectedVersion('Delete', streamName, outcome.expected, outcome.current));
  }
};

/** A handler for Delete: a soft delete, after which reads answer stream-not-found and an append recreates the stream. */
export const deleteHandler =
  (log: MemoryLog) =>
  (call: ServerUnaryCall<streamsPb.DeleteReq, streamsPb.DeleteResp>, callback: sendUnaryData<streamsPb.DeleteResp>): void =>
    answer(
      log,
      call.request.getOptions(),
      false,
      (at) => new streamsPb.DeleteResp().setPosition(new streamsPb.DeleteResp.Position().setCommitPosition(at.toString(10)).setPreparePosition(at.toString(10))),
      callback,
    );

/** A handler for Tombstone: a hard delete, after which every read, append and delete of the stream fails with stream-deleted. */
export const tombstoneHandler =
  (log: MemoryLog) =>
  (call: ServerUnaryCall<streamsPb.TombstoneReq, streamsPb.TombstoneResp>, callback: sendUnaryData<streamsPb.TombstoneResp>): void =>
    answer(
      log,
      call.request.getOptions(),
      true,
      (at) => new streamsPb.TombstoneResp().setPosition(new streamsPb.TombstoneResp.Position().setCommitPosition(at.toString(10)).setPreparePosition(at.toString(10))),
      callback,
    );
