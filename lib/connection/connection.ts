// The small interface every transport implements; the engine knows nothing else about hosts.

/** What one command returned. A non-zero code is data here, not an exception. */
export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface RunOptions {
  /** Bytes or text written to the command's stdin, then closed (uploads go through here). */
  stdin?: string | Buffer;
  /** true: run as root through `sudo -n` when the connection's user is not root; a name: as that user (become_user). */
  become?: boolean | string;
  /** Kill the command and fail with code 124 after this long. */
  timeoutMs?: number;
}

/**
 * Why: local and SSH transports are interchangeable behind connect/run/close, so the
 * planner and executor are tested without a network and run the same over SSH.
 * A connection is opened once per host for the whole run; run() may be called concurrently
 * (SSH multiplexes channels over the one connection).
 */
export interface Connection {
  readonly host: string;
  /** The login is root, so `become` changes nothing: facts read with and without it agree. */
  readonly loginIsRoot: boolean;
  connect(): Promise<void>;
  /** Runs a command through `sh -c` on the host. Rejects only with UnreachableError. */
  run(command: string, options?: RunOptions): Promise<RunResult>;
  close(): Promise<void>;
}

/** How to reach one host; built from the host's variables (or the lab's mapping). */
export interface ConnectionTarget {
  /** Inventory name of the host. */
  host: string;
  kind: 'local' | 'ssh';
  address: string;
  port: number;
  user: string;
  /** Path of the private key (ssh). */
  privateKey?: string;
  /** known_hosts file checked strictly (ssh). */
  knownHosts?: string;
  /** Accept and record keys of hosts not yet in known_hosts (a changed key is still refused). */
  acceptNewHostKeys?: boolean;
  connectTimeoutMs?: number;
}
