/** Thrown by evolve on an event that cannot follow the state: a bug or a corrupted stream, never a user error. */
export class InvalidTransitionError extends Error {
  override readonly name = 'InvalidTransitionError';
  constructor(
    readonly aggregate: string,
    readonly eventType: string,
    readonly status: string,
  ) {
    super(`${eventType} cannot follow a ${aggregate} in state "${status}"`);
  }
}
