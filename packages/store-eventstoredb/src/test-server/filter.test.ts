import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentials } from '@grpc/grpc-js';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import { parseUuid, streamNameOf } from './codec.js';
import { startTestServer } from './index.js';
import type { TestServer } from './index.js';

// The 6.x client's readAll always sends no_filter, so filtered $all reads go through the generated
// StreamsClient directly: the same wire messages a filtering client (or a subscription) sends.
const { ReadReq } = streamsPb;
const { Empty } = sharedPb;

let server: TestServer;
let raw: InstanceType<typeof streamsGrpc.StreamsClient>;

beforeAll(async () => {
  server = await startTestServer({ port: 0 });
  const client = EventStoreDBClient.connectionString(server.url);
  const id = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
  await client.appendToStream('member-1', [
    jsonEvent({ id: id(1), type: 'MemberRegistered', data: {} }),
    jsonEvent({ id: id(2), type: 'ContributionPaid', data: {} }),
  ]);
  await client.appendToStream('employer-1', [
    jsonEvent({ id: id(3), type: 'EmployerRegistered', data: {} }),
    jsonEvent({ id: id(4), type: 'ContributionPaid', data: {} }),
  ]);
  await client.dispose();
  raw = new streamsGrpc.StreamsClient(`127.0.0.1:${server.port}`, credentials.createInsecure());
});

afterAll(async () => {
  raw.close();
  await server.stop();
});

interface Filter { readonly on: 'type' | 'stream'; readonly prefixes?: string[]; readonly regex?: string }

const readAll = (filter: Filter, opts: { backwards?: boolean; count?: number; structured?: boolean } = {}): Promise<Array<{ id: string; type: string; stream: string }>> => {
  const expr = new ReadReq.Options.FilterOptions.Expression();
  if (filter.prefixes !== undefined) expr.setPrefixList(filter.prefixes);
  if (filter.regex !== undefined) expr.setRegex(filter.regex);
  const filterOptions = new ReadReq.Options.FilterOptions().setCount(new Empty()).setCheckpointintervalmultiplier(1);
  if (filter.on === 'type') filterOptions.setEventType(expr);
  else filterOptions.setStreamIdentifier(expr);
  const all = new ReadReq.Options.AllOptions();
  if (opts.backwards === true) all.setEnd(new Empty());
  else all.setStart(new Empty());
  const uuid = new ReadReq.Options.UUIDOption();
  if (opts.structured === true) uuid.setStructured(new Empty());
  else uuid.setString(new Empty());
  const options = new ReadReq.Options()
    .setAll(all)
    .setReadDirection(opts.backwards === true ? ReadReq.Options.ReadDirection.BACKWARDS : ReadReq.Options.ReadDirection.FORWARDS)
    .setCount(String(opts.count ?? 1000))
    .setFilter(filterOptions)
    .setUuidOption(uuid);
  const out: Array<{ id: string; type: string; stream: string }> = [];
  return new Promise((resolve, reject) => {
    const call = raw.read(new ReadReq().setOptions(options));
    call.on('data', (resp: streamsPb.ReadResp) => {
      const event = resp.getEvent()?.getEvent();
      if (event !== undefined) out.push({ id: parseUuid(event.getId()), type: event.getMetadataMap().get('type') ?? '', stream: streamNameOf(event.getStreamIdentifier()) });
    });
    call.on('error', reject);
    call.on('end', () => resolve(out));
  });
};

describe('protocol test server (not EventStoreDB): filtered $all reads', () => {
  it('filters on event type by prefix', async () => {
    const events = await readAll({ on: 'type', prefixes: ['Contribution'] });
    expect(events.map((e) => e.stream)).toEqual(['member-1', 'employer-1']);
  });

  it('filters on event type by regex, backwards, counting after the filter', async () => {
    const events = await readAll({ on: 'type', regex: '^(Member|Employer)Registered$' }, { backwards: true, count: 1 });
    expect(events.map((e) => e.type)).toEqual(['EmployerRegistered']);
  });

  it('filters on stream name by prefix', async () => {
    const events = await readAll({ on: 'stream', prefixes: ['employer-'] });
    expect(events.map((e) => e.type)).toEqual(['EmployerRegistered', 'ContributionPaid']);
  });

  it('answers structured UUIDs when asked, round-tripping the id', async () => {
    const events = await readAll({ on: 'stream', prefixes: ['member-'] }, { structured: true, count: 1 });
    expect(events.map((e) => e.id)).toEqual(['00000000-0000-4000-8000-000000000001']);
  });
});
