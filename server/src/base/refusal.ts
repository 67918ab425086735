/**
 * An operation that cannot be done for a reason the user should read (a rename onto a name
 * that exists, ...): shown as the request's error message, never logged as a bug.
 */
export class Refusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
