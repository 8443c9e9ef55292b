/** Streams.Append of the protocol test server (not EventStoreDB): one options message, then proposed messages. */
import { status } from '@grpc/grpc-js';
import type { ServerReadableStream, sendUnaryData } from '@grpc/grpc-js';
import type streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import { appendSuccess, appendWrongExpectedVersion, asBytes, createdTicks, expectedOf, parseUuid, streamNameOf } from './codec.js';
import type { MemoryLog, ProposedEvent } from './log.js';

/** A handler for the client-streaming Append call, writing to the given log atomically once the client half-closes. */
export const appendHandler =
  (log: MemoryLog, now: () => number) =>
  (call: ServerReadableStream<streamsPb.AppendReq, streamsPb.AppendResp>, callback: sendUnaryData<streamsPb.AppendResp>): void => {
    let options: streamsPb.AppendReq.Options | undefined;
    const proposed: ProposedEvent[] = [];
    let failed = false;
    const fail = (code: status, details: string): void => {
      if (failed) return;
      failed = true;
      callback({ code, details });
    };
    call.on('data', (req: streamsPb.AppendReq) => {
      const header = req.getOptions();
      if (header !== undefined) {
        if (options !== undefined) return fail(status.INVALID_ARGUMENT, 'Append: options sent twice');
        options = header;
        return;
      }
      const message = req.getProposedMessage();
      if (message === undefined) return;
      if (options === undefined) return fail(status.INVALID_ARGUMENT, 'Append: a proposed message before the options');
      const metadata = new Map<string, string>();
      message.getMetadataMap().forEach((value: string, key: string) => metadata.set(key, value));
      if (!metadata.has('type')) return fail(status.INVALID_ARGUMENT, 'Append: proposed message without a type');
      metadata.set('content-type', metadata.get('content-type') ?? 'application/octet-stream');
      metadata.set('created', createdTicks(now()));
      proposed.push({
        id: parseUuid(message.getId()),
        metadata,
        customMetadata: asBytes(message.getCustomMetadata()),
        data: asBytes(message.getData()),
      });
    });
    call.on('error', () => {
      failed = true;
    });
    call.on('end', () => {
      if (failed) return;
      if (options === undefined) return fail(status.INVALID_ARGUMENT, 'Append: no options message');
      const outcome = log.append(streamNameOf(options.getStreamIdentifier()), expectedOf(options), proposed);
      failed = true;
      if (outcome.kind === 'success') callback(null, appendSuccess(outcome.current, outcome.position));
      else callback(null, appendWrongExpectedVersion(outcome.current, outcome.expected));
    });
  };
