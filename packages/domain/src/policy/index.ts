export * from './baseline.js';
export * from './calculations/index.js';
export { HEIR_RELATIONSHIPS, PARAMETER_NAMES, ParameterCodecs, isParameterName } from './parameter-codecs.js';
export * from './parameters.js';
export { PARAMETER_UNITS, PolicyFileC, PolicyParametersC, type ParameterEntry, type ParameterHistory, type ParameterUnit, type PolicyFile, type PolicyParameters } from './policy-file.js';
export * from './policy.js';
export * from './reform.js';
export * from './regression.js';
export { canonicalJson, sha256 } from './sha256.js';
