/**
 * Gossip.Read and ServerFeatures.GetSupportedMethods of the protocol test server (not EventStoreDB): a
 * one-node "cluster" whose only member is this server, alive and Leader, and the list of methods it serves.
 */
import type { ServerUnaryCall, sendUnaryData } from '@grpc/grpc-js';
import type sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import gossipPb from '@eventstore/db-client/generated/gossip_pb.js';
import gossipGrpc from '@eventstore/db-client/generated/gossip_grpc_pb.js';
import featuresPb from '@eventstore/db-client/generated/serverfeatures_pb.js';
import featuresGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import { uuidMessage } from './codec.js';
import { createdTicks } from './log.js';

/**
 * The version GetSupportedMethods answers: the EventStoreDB release line whose gRPC behaviour the protocol
 * test server follows (a filtered $all subscription sends a checkpoint when it catches up, as 24.10 does).
 * The 6.2.1 client only records it (`ServerFeatures.serverVersion`) and never parses it.
 */
export const SERVER_VERSION = '24.10.0';

/** The methods the server implements, with the features the real server lists for them (BatchAppend is absent: UNIMPLEMENTED). */
const IMPLEMENTED: ReadonlyArray<readonly [{ readonly path: string }, ReadonlyArray<string>]> = [
  [streamsGrpc.StreamsService.read, ['position', 'events']],
  [streamsGrpc.StreamsService.append, []],
  [streamsGrpc.StreamsService.delete, []],
  [streamsGrpc.StreamsService.tombstone, []],
  [gossipGrpc.GossipService.read, []],
  [featuresGrpc.ServerFeaturesService.getSupportedMethods, []],
];

/** The SupportedMethods answer: service and method names in lower case, as the real server sends them. */
export const supportedMethods = (): featuresPb.SupportedMethods =>
  new featuresPb.SupportedMethods().setEventStoreServerVersion(SERVER_VERSION).setMethodsList(
    IMPLEMENTED.map(([method, features]) => {
      const [, service = '', name = ''] = method.path.split('/');
      return new featuresPb.SupportedMethod().setServiceName(service.toLowerCase()).setMethodName(name.toLowerCase()).setFeaturesList([...features]);
    }),
  );

/** A handler for ServerFeatures.GetSupportedMethods. */
export const supportedMethodsHandler = (_call: ServerUnaryCall<sharedPb.Empty, featuresPb.SupportedMethods>, callback: sendUnaryData<featuresPb.SupportedMethods>): void =>
  callback(null, supportedMethods());

/** Where the member says it listens, and who it is. */
export interface Member {
  readonly instanceId: string;
  readonly address: string;
  readonly port: () => number;
}

/** The ClusterInfo the server answers: this server as the one member, alive, Leader, on its address and port. */
export const clusterInfo = (member: Member, now: number): gossipPb.ClusterInfo => {
  const info = new gossipPb.MemberInfo()
    .setInstanceId(uuidMessage(member.instanceId, true))
    .setTimeStamp(createdTicks(now))
    .setState(gossipPb.MemberInfo.VNodeState.LEADER)
    .setIsAlive(true)
    .setHttpEndPoint(new gossipPb.EndPoint().setAddress(member.address).setPort(member.port()));
  return new gossipPb.ClusterInfo().setMembersList([info]);
};

/** A handler for Gossip.Read, which the client asks during discovery (`esdb+discover://` and multi-host strings). */
export const gossipHandler =
  (member: Member, now: () => number) =>
  (_call: ServerUnaryCall<sharedPb.Empty, gossipPb.ClusterInfo>, callback: sendUnaryData<gossipPb.ClusterInfo>): void =>
    callback(null, clusterInfo(member, now()));
