// The lab's public API for the engine and the CLI.
export { ensureLabUp, labStatus, restartHost, destroyHost, labDown, labSsh, type LabHost, type LabHosts, type LabOptions, type HostStatus } from './lab.js';
export { labPaths, type LabPaths } from './paths.js';
export { sshArgs } from './ssh.js';
export { SUITES, type Suite } from './image.js';
