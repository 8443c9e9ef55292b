/**
 * Tamper evidence: a hash chain per stream in the events' metadata (`metadata.chain = { v: 1, prev, hash }`),
 * written by a store decorator and checked in one streaming pass over the log.
 */
/** The chain format: canonical JSON, the event hash, the genesis hash, reading an event's chain entry. */
export { CHAIN_KEY, CHAIN_VERSION, GENESIS_HASH, canonicalJson, describeNotJson, eventHash, linkOf, readChain, sha256Hex } from './canonical.js';
export type { ChainEntry, ChainLink, ChainedContent, NotJson } from './canonical.js';
/** The store decorator that chains every appended event. */
export { withHashChain } from './with-hash-chain.js';
export type { HashChainOptions } from './with-hash-chain.js';
/** Verification of every stream (one pass over readAll) or of one stream, with optional anchors. */
export { verifyChains, verifyStream } from './verify.js';
export type { ChainReport, VerifyOptions } from './verify.js';
export type { StreamHead } from './checker.js';
/** The findings, a tagged union, and their one-sentence descriptions. */
export { describeFinding } from './findings.js';
export type { ChainBroken, ChainBrokenReason, ChainFinding, ChainFindingTag, ChainMissing, EventAltered, ChainEventRef, EventRemoved, EventsReordered } from './findings.js';
