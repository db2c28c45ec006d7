// A fact is a command to run on the host and a pure parse of its output. Facts of many tasks
// travel to the host in one script and come back in one round trip (see engine/fact-batch.ts).

/**
 * Why: small, pure and keyed, facts can be batched, cached per host for the whole run and
 * updated by the changes that affect them, so later tasks plan against the predicted state.
 */
export interface FactSpec<T> {
  /** Cache key, unique per fact and argument, e.g. `file:/etc/nginx/nginx.conf`, `apt:nginx`. */
  key: string;
  /** Shell snippet run on the host (as root when become); its stdout and exit code go to parse. */
  command: string;
  /** Pure: turns the command's stdout and exit code into the fact's value. */
  parse(stdout: string, code: number): T;
  /**
   * What to assume in check mode after a change invalidated this fact without predicting it
   * (e.g. a unit that a package about to be installed ships). Without it, the fact is re-read.
   */
  assumeAfterInvalidation?: T;
}
