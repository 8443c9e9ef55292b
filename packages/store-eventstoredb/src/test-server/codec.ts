/** Conversions between the protocol test server's log and the client's generated protobuf messages. */
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import type { StoredEvent, Revision, Expected } from './log.js';

const { Empty, StreamIdentifier, UUID } = sharedPb;
const { ReadResp } = streamsPb;

/** Bytes or string from a protobuf bytes field, as bytes. */
export const asBytes = (value: Uint8Array | string): Uint8Array => (typeof value === 'string' ? Buffer.from(value, 'base64') : value);

/** A stream name from a StreamIdentifier (UTF-8 bytes on the wire). */
export const streamNameOf = (identifier: sharedPb.StreamIdentifier | undefined): string =>
  identifier === undefined ? '' : Buffer.from(asBytes(identifier.getStreamName())).toString('utf8');

/** A StreamIdentifier for a stream name. */
export const streamIdentifier = (name: string): sharedPb.StreamIdentifier => new StreamIdentifier().setStreamName(Buffer.from(name, 'utf8'));

const MASK_64 = (1n << 64n) - 1n;

/** A UUID message's canonical string, from either the string or the structured form. */
export const parseUuid = (uuid: sharedPb.UUID | undefined): string => {
  if (uuid === undefined) return '';
  const structured = uuid.getStructured();
  if (structured === undefined) return uuid.getString().toLowerCase();
  const hi = BigInt(structured.getMostSignificantBits()) & MASK_64;
  const lo = BigInt(structured.getLeastSignificantBits()) & MASK_64;
  const hex = hi.toString(16).padStart(16, '0') + lo.toString(16).padStart(16, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/** A signed 64-bit decimal string of an unsigned 64-bit half (the structured UUID fields are int64). */
const signed64 = (value: bigint): string => BigInt.asIntN(64, value).toString(10);

/** A UUID message in the form the reader asked for. */
export const uuidMessage = (id: string, structured: boolean): sharedPb.UUID => {
  if (!structured) return new UUID().setString(id);
  const hex = id.replace(/-/g, '');
  const parts = new UUID.Structured()
    .setMostSignificantBits(signed64(BigInt(`0x${hex.slice(0, 16)}`)))
    .setLeastSignificantBits(signed64(BigInt(`0x${hex.slice(16)}`)));
  return new UUID().setStructured(parts);
};

/** The options of an Append, Delete or Tombstone: the same expected-revision oneof in each. */
interface ExpectedRevisionOptions {
  getExpectedStreamRevisionCase(): number;
  getRevision(): string;
}

/** The expected revision of an append's, delete's or tombstone's options; undefined when none is set. */
export const expectedOf = (options: ExpectedRevisionOptions): Expected | undefined => {
  const Case = streamsPb.AppendReq.Options.ExpectedStreamRevisionCase;
  switch (options.getExpectedStreamRevisionCase()) {
    case Case.REVISION:
      return /^\d+$/.test(options.getRevision()) ? BigInt(options.getRevision()) : undefined;
    case Case.NO_STREAM:
      return 'no_stream';
    case Case.STREAM_EXISTS:
      return 'stream_exists';
    case Case.ANY:
      return 'any';
    default:
      return undefined;
  }
};

/** An AppendResp for a successful append. */
export const appendSuccess = (current: Revision, position: bigint | undefined): streamsPb.AppendResp => {
  const success = new streamsPb.AppendResp.Success();
  if (current === 'no_stream') success.setNoStream(new Empty());
  else success.setCurrentRevision(current.toString(10));
  if (position === undefined) success.setNoPosition(new Empty());
  else success.setPosition(new streamsPb.AppendResp.Position().setCommitPosition(position.toString(10)).setPreparePosition(position.toString(10)));
  return new streamsPb.AppendResp().setSuccess(success);
};

/** An AppendResp for a wrong expected version, with the actual revision. */
export const appendWrongExpectedVersion = (current: Revision, expected: Expected): streamsPb.AppendResp => {
  const wrong = new streamsPb.AppendResp.WrongExpectedVersion();
  if (current === 'no_stream') wrong.setCurrentNoStream(new Empty());
  else wrong.setCurrentRevision(current.toString(10));
  if (expected === 'any') wrong.setExpectedAny(new Empty());
  else if (expected === 'no_stream') wrong.setExpectedNoStream(new Empty());
  else if (expected === 'stream_exists') wrong.setExpectedStreamExists(new Empty());
  else wrong.setExpectedRevision(expected.toString(10));
  return new streamsPb.AppendResp().setWrongExpectedVersion(wrong);
};

/** A ReadResp carrying one recorded event, with its global position. */
export const readEvent = (event: StoredEvent, structuredUuid: boolean): streamsPb.ReadResp => {
  const position = event.position.toString(10);
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(uuidMessage(event.id, structuredUuid))
    .setStreamIdentifier(streamIdentifier(event.streamName))
    .setStreamRevision(event.revision.toString(10))
    .setCommitPosition(position)
    .setPreparePosition(position)
    .setCustomMetadata(event.customMetadata)
    .setData(event.data);
  const map = recorded.getMetadataMap();
  for (const [key, value] of event.metadata) map.set(key, value);
  return new ReadResp().setEvent(new ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(position));
};

/** A ReadResp saying the stream does not exist. */
export const readStreamNotFound = (name: string): streamsPb.ReadResp =>
  new ReadResp().setStreamNotFound(new ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(name)));

/** The `created` metadata value (100-ns ticks since the Unix epoch), stamped by the log. */
export { createdTicks } from './log.js';
