// The live value of a kernel parameter, as `sysctl -n` prints it.
import { sh } from '../shell/quote.js';
import type { FactSpec } from './fact.js';

/** `exists: false` when the kernel has no such key (a typo, or its module is not loaded). */
export interface SysctlValue {
  exists: boolean;
  /** Whitespace-normalised: multi-field values ("32768\t60999") read as "32768 60999". */
  value: string;
}

/** Why: the sysctl module only runs `sysctl -w` when the live value differs from the wanted one. */
export function sysctlValue(name: string): FactSpec<SysctlValue> {
  return {
    key: `sysctl:${name}`,
    about: [{ id: `sysctl:${name}` }],
    command: sh`if v=$(sysctl -n -- ${name} 2>/dev/null); then printf 'value\\n%s\\n' "$v"; else echo missing; fi`,
    parse: parseSysctlValue,
  };
}

/** Why: pure half of sysctlValue, tested on captured outputs. */
export function parseSysctlValue(stdout: string): SysctlValue {
  if (!stdout.startsWith('value\n')) return { exists: false, value: '' };
  return { exists: true, value: normalizeSysctlValue(stdout.slice('value\n'.length)) };
}

/** Why: the kernel prints fields tab-separated while users write them space-separated. */
export function normalizeSysctlValue(value: string): string {
  return value.trim().split(/\s+/).join(' ');
}
