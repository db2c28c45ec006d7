// The read-ahead corpus: every case, in one list the local and the SSH suites run.
import { ACCOUNT_CASES } from './account-cases.js';
import type { CorpusCase } from './case.js';
import { COMMAND_CASES } from './command-cases.js';
import { FILE_CASES } from './files-cases.js';
import { FLOW_CASES } from './flow-cases.js';
import { SYSTEM_CASES } from './system-cases.js';

/** Why: one list, so a case added for a stale-fact bug runs locally and over SSH alike. */
export const CORPUS: CorpusCase[] = [...COMMAND_CASES, ...FILE_CASES, ...FLOW_CASES, ...ACCOUNT_CASES, ...SYSTEM_CASES];
