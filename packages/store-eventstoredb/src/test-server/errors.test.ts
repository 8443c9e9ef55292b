import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentials, status } from '@grpc/grpc-js';
import type { ServiceError } from '@grpc/grpc-js';
import { convertToCommandError, jsonEvent, RequiredMetadataPropertyMissingError, StreamDeletedError, UnknownError } from '@eventstore/db-client';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import { connectedTestServer } from './connected.test-support.js';

// Malformed requests go through the generated StreamsClient: the real client never sends them.
const { ReadReq, AppendReq } = streamsPb;
const { Empty, StreamIdentifier, UUID } = sharedPb;

const connection = connectedTestServer();
let raw: InstanceType<typeof streamsGrpc.StreamsClient>;

beforeAll(() => {
  raw = new streamsGrpc.StreamsClient(`127.0.0.1:${connection.server.port}`, credentials.createInsecure());
});
afterAll(() => raw.close());

/** The gRPC error a raw Read fails with, or undefined when it ends well. */
const readError = (options: streamsPb.ReadReq.Options | undefined): Promise<ServiceError | undefined> =>
  new Promise((resolve) => {
    const req = new ReadReq();
    if (options !== undefined) req.setOptions(options);
    const call = raw.read(req);
    call.on('data', () => undefined);
    call.on('error', (error: ServiceError) => resolve(error));
    call.on('end', () => resolve(undefined));
  });

/** The gRPC error a raw Append of these messages fails with, or undefined when it succeeds. */
const appendError = (messages: streamsPb.AppendReq[]): Promise<ServiceError | undefined> =>
  new Promise((resolve) => {
    const call = raw.append((error) => resolve(error ?? undefined));
    for (const message of messages) call.write(message);
    call.end();
  });

const id = (stream: string): sharedPb.StreamIdentifier => new StreamIdentifier().setStreamName(Buffer.from(stream));
const streamOptions = (stream: string): streamsPb.ReadReq.Options.StreamOptions => new ReadReq.Options.StreamOptions().setStreamIdentifier(id(stream)).setStart(new Empty());
const uuid = (): streamsPb.ReadReq.Options.UUIDOption => new ReadReq.Options.UUIDOption().setString(new Empty());
const header = (stream: string): streamsPb.AppendReq =>
  new AppendReq().setOptions(new AppendReq.Options().setStreamIdentifier(id(stream)).setAny(new Empty()));
const proposed = (metadata: Record<string, string>): streamsPb.AppendReq => {
  const message = new AppendReq.ProposedMessage().setId(new UUID().setString('00000000-0000-4000-8000-000000000001')).setData(Buffer.from('{}'));
  for (const [key, value] of Object.entries(metadata)) message.getMetadataMap().set(key, value);
  return new AppendReq().setProposedMessage(message);
};

describe('protocol test server (not EventStoreDB): errors on the Read path', () => {
  it('answers a read without options, or of neither a stream nor $all, with INVALID_ARGUMENT', async () => {
    expect((await readError(undefined))?.code).toBe(status.INVALID_ARGUMENT);
    expect((await readError(new ReadReq.Options().setCount('1').setNoFilter(new Empty()).setUuidOption(uuid())))?.code).toBe(status.INVALID_ARGUMENT);
  });

  it('refuses the combinations the server does not serve: a filtered stream read, a backwards subscription, no filter option', async () => {
    await connection.client.appendToStream('combo', jsonEvent({ type: 'A', data: {} }));
    const filter = new ReadReq.Options.FilterOptions().setEventType(new ReadReq.Options.FilterOptions.Expression().setRegex('A')).setCount(new Empty()).setCheckpointintervalmultiplier(1);
    const filtered = new ReadReq.Options().setStream(streamOptions('combo')).setCount('1').setFilter(filter).setUuidOption(uuid());
    expect((await readError(filtered))?.code).toBe(status.INVALID_ARGUMENT);
    const backwards = new ReadReq.Options()
      .setStream(streamOptions('combo'))
      .setSubscription(new ReadReq.Options.SubscriptionOptions())
      .setReadDirection(ReadReq.Options.ReadDirection.BACKWARDS)
      .setNoFilter(new Empty())
      .setUuidOption(uuid());
    expect((await readError(backwards))?.code).toBe(status.INVALID_ARGUMENT);
    const unfiltered = new ReadReq.Options().setStream(streamOptions('combo')).setCount('1').setUuidOption(uuid());
    expect((await readError(unfiltered))?.code).toBe(status.INVALID_ARGUMENT);
    expect(await readError(unfiltered.setNoFilter(new Empty()))).toBeUndefined();
  });

  it('refuses a filter without an expression or a window, and a regex that does not compile', async () => {
    const all = (filter: streamsPb.ReadReq.Options.FilterOptions): streamsPb.ReadReq.Options =>
      new ReadReq.Options().setAll(new ReadReq.Options.AllOptions().setStart(new Empty())).setCount('10').setFilter(filter).setUuidOption(uuid());
    const expr = new ReadReq.Options.FilterOptions.Expression().setRegex('^A');
    expect((await readError(all(new ReadReq.Options.FilterOptions().setCount(new Empty()))))?.code).toBe(status.INVALID_ARGUMENT);
    expect((await readError(all(new ReadReq.Options.FilterOptions().setEventType(expr))))?.code).toBe(status.INVALID_ARGUMENT);
    const broken = new ReadReq.Options.FilterOptions().setEventType(new ReadReq.Options.FilterOptions.Expression().setRegex('(')).setCount(new Empty());
    expect((await readError(all(broken)))?.code).toBe(status.INVALID_ARGUMENT);
    expect(await readError(all(new ReadReq.Options.FilterOptions().setEventType(expr).setCount(new Empty())))).toBeUndefined();
  });

  it('fails the read of a tombstoned stream with FAILED_PRECONDITION and the stream-deleted trailers', async () => {
    await connection.client.appendToStream('tomb', jsonEvent({ type: 'A', data: {} }));
    await connection.client.tombstoneStream('tomb');
    const error = await readError(new ReadReq.Options().setStream(streamOptions('tomb')).setCount('10').setNoFilter(new Empty()).setUuidOption(uuid()));
    expect(error?.code).toBe(status.FAILED_PRECONDITION);
    expect(error?.metadata.get('exception')).toEqual(['stream-deleted']);
    expect(error?.metadata.get('stream-name')).toEqual(['tomb']);
    expect(convertToCommandError(error as ServiceError)).toBeInstanceOf(StreamDeletedError);
  });
});

describe('protocol test server (not EventStoreDB): errors on the Append path', () => {
  it('answers a proposed message without type or content-type with missing-required-metadata-property', async () => {
    const incomplete: Array<Record<string, string>> = [{ 'content-type': 'application/json' }, { type: 'A' }];
    for (const metadata of incomplete) {
      const error = await appendError([header('meta'), proposed(metadata)]);
      expect(error?.code).toBe(status.INVALID_ARGUMENT);
      expect(error?.metadata.get('exception')).toEqual(['missing-required-metadata-property']);
      const converted = convertToCommandError(error as ServiceError);
      expect(converted).toBeInstanceOf(RequiredMetadataPropertyMissingError);
      expect((converted as RequiredMetadataPropertyMissingError).requiredMetadataProperties).toEqual(['type', 'content-type']);
    }
    expect(connection.server.log.stream('meta')).toBeUndefined();
  });

  it('answers an append out of shape with INVALID_ARGUMENT (the client makes it an UnknownError)', async () => {
    const event = proposed({ type: 'A', 'content-type': 'application/json' });
    const noExpected = new AppendReq().setOptions(new AppendReq.Options().setStreamIdentifier(id('shape')));
    for (const messages of [[], [event], [header('shape'), header('shape')], [noExpected, event]]) {
      const error = await appendError(messages);
      expect(error?.code).toBe(status.INVALID_ARGUMENT);
      expect(convertToCommandError(error as ServiceError)).toBeInstanceOf(UnknownError);
    }
    expect(await appendError([header('shape'), event])).toBeUndefined();
  });

  it('keeps only the type and whether the data is JSON, as the server does', async () => {
    expect(await appendError([header('kept'), proposed({ type: 'A', 'content-type': 'text/plain', extra: 'x' })])).toBeUndefined();
    const [stored] = connection.server.log.stream('kept') ?? [];
    expect([...(stored?.metadata.keys() ?? [])].sort()).toEqual(['content-type', 'created', 'type']);
    expect(stored?.metadata.get('content-type')).toBe('application/octet-stream');
  });
});
