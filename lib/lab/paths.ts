// Where the lab keeps its state (removed by `lab down`) and its base images (kept), both outside
// the repository. Environment variables move them, e.g. for a second lab in tests.
import { join } from 'node:path';

/** Why: every file the lab writes on the host machine is named here, so `down` can find them all. */
export interface LabPaths {
  /** Removed whole by `lab down`. */
  stateDir: string;
  /** Keeps the base images between labs. */
  cacheDir: string;
  stateFile: string;
  clientKey: string;
  knownHosts: string;
}

/** Why: one function decides the locations; BC_PLAY_LAB_STATE / BC_PLAY_LAB_CACHE override them. */
export function labPaths(env: NodeJS.ProcessEnv = process.env): LabPaths {
  const stateDir = env.BC_PLAY_LAB_STATE || '/var/lib/bc-play/lab';
  const cacheDir = env.BC_PLAY_LAB_CACHE || '/var/cache/bc-play/lab';
  return {
    stateDir,
    cacheDir,
    stateFile: join(stateDir, 'state.json'),
    clientKey: join(stateDir, 'id_ed25519'),
    knownHosts: join(stateDir, 'known_hosts'),
  };
}

/** Why: a host's disk (overlay upper/work), its mounted root and its boot log live together. */
export function hostDir(paths: LabPaths, host: string): string {
  return join(paths.stateDir, 'hosts', host);
}
