import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { credentials } from '@grpc/grpc-js';
import { EventStoreDBClient, jsonEvent, VNodeState } from '@eventstore/db-client';
import type { ResolvedEvent } from '@eventstore/db-client';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import gossipGrpc from '@eventstore/db-client/generated/gossip_grpc_pb.js';
import type gossipPb from '@eventstore/db-client/generated/gossip_pb.js';
import featuresGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import type featuresPb from '@eventstore/db-client/generated/serverfeatures_pb.js';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import { SERVER_VERSION } from './cluster.js';
import { connectedTestServer } from './connected.test-support.js';

const connection = connectedTestServer();

const collect = async (events: AsyncIterable<ResolvedEvent>): Promise<ResolvedEvent[]> => {
  const out: ResolvedEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
};

/** A client that shows what it learnt from ServerFeatures (the members are protected in the client). */
class FeatureProbe extends EventStoreDBClient {
  /** The server version and whether the client would use the given method. */
  async probe(method: Parameters<EventStoreDBClient['supports']>[0], feature?: string): Promise<{ version: string; supported: boolean }> {
    return { version: (await this.capabilities).serverVersion, supported: await this.supports(method, feature) };
  }
}

/** A port on 127.0.0.1 with nothing listening (bound, then released). */
const deadPort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });

/** Appends and reads back one event through a client made from the connection string, then disposes it. */
const roundTrip = async (connectionString: string, stream: string): Promise<string[]> => {
  const client = EventStoreDBClient.connectionString(connectionString);
  try {
    await client.appendToStream(stream, jsonEvent({ type: 'Discovered', data: {} }), { expectedRevision: 'no_stream' });
    return (await collect(client.readStream(stream))).map((e) => e.event?.type ?? '');
  } finally {
    await client.dispose();
  }
};

describe('protocol test server (not EventStoreDB): ServerFeatures.GetSupportedMethods', () => {
  it('lists the methods it implements in lower case, without BatchAppend, with a version', async () => {
    const raw = new featuresGrpc.ServerFeaturesClient(`127.0.0.1:${connection.server.port}`, credentials.createInsecure());
    const answer = await new Promise<featuresPb.SupportedMethods>((resolve, reject) =>
      raw.getSupportedMethods(new sharedPb.Empty(), (error, value) => (error === null ? resolve(value) : reject(error))),
    );
    raw.close();
    expect(answer.getEventStoreServerVersion()).toBe(SERVER_VERSION);
    const methods = answer.getMethodsList().map((m) => `/${m.getServiceName()}/${m.getMethodName()}`);
    expect(methods.sort()).toEqual([
      '/event_store.client.gossip.gossip/read',
      '/event_store.client.server_features.serverfeatures/getsupportedmethods',
      '/event_store.client.streams.streams/append',
      '/event_store.client.streams.streams/delete',
      '/event_store.client.streams.streams/read',
      '/event_store.client.streams.streams/tombstone',
    ]);
  });

  it('makes the client record the version, use plain Append (no BatchAppend) and see the Read features', async () => {
    const probe = new FeatureProbe({ endpoint: `127.0.0.1:${connection.server.port}` }, { insecure: true });
    try {
      expect(await probe.probe(streamsGrpc.StreamsService.batchAppend)).toEqual({ version: SERVER_VERSION, supported: false });
      expect((await probe.probe(streamsGrpc.StreamsService.append)).supported).toBe(true);
      expect((await probe.probe(streamsGrpc.StreamsService.read, 'position')).supported).toBe(true);
      // BatchAppend answers UNIMPLEMENTED, so an append succeeding shows the client went through Append.
      const result = await probe.appendToStream('features', [jsonEvent({ type: 'A', data: {} }), jsonEvent({ type: 'B', data: {} })]);
      expect(result.nextExpectedRevision).toBe(1n);
    } finally {
      await probe.dispose();
    }
  });
});

describe('protocol test server (not EventStoreDB): Gossip.Read and cluster connection strings', () => {
  it('answers one alive Leader on 127.0.0.1 and the server port', async () => {
    const raw = new gossipGrpc.GossipClient(`127.0.0.1:${connection.server.port}`, credentials.createInsecure());
    const info = await new Promise<gossipPb.ClusterInfo>((resolve, reject) =>
      raw.read(new sharedPb.Empty(), (error, value) => (error === null ? resolve(value) : reject(error))),
    );
    raw.close();
    const [member, ...others] = info.getMembersList();
    expect(others).toEqual([]);
    expect(member?.getState()).toBe(VNodeState.LEADER);
    expect(member?.getIsAlive()).toBe(true);
    expect(member?.getHttpEndPoint()?.getAddress()).toBe('127.0.0.1');
    expect(member?.getHttpEndPoint()?.getPort()).toBe(connection.server.port);
    expect(member?.getInstanceId()?.hasStructured()).toBe(true);
    expect(BigInt(member?.getTimeStamp() ?? '0') / 10_000n).toBeLessThanOrEqual(BigInt(Date.now()));
  });

  it('serves esdb+discover://: the client discovers the leader through gossip, appends and reads', async () => {
    expect(connection.server.discoverUrl).toBe(`esdb+discover://127.0.0.1:${connection.server.port}?tls=false`);
    expect(await roundTrip(connection.server.discoverUrl, 'discovered-1')).toEqual(['Discovered']);
  });

  it('serves a multi-host string whose first host refuses connections', async () => {
    const dead = await deadPort();
    const url = `esdb://127.0.0.1:${dead},127.0.0.1:${connection.server.port}?tls=false`;
    expect(await roundTrip(url, 'discovered-2')).toEqual(['Discovered']);
  });
});
