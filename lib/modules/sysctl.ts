// The `sysctl` module: a kernel parameter is set in a sysctl.d file (so it survives a reboot) and,
// when the live value differs, applied now with `sysctl -w`.
import { BcError } from '../errors.js';
import { sh } from '../shell/quote.js';
import { normalizeSysctlValue, sysctlValue } from '../facts/sysctl.js';
import type { Change, ModuleDefinition } from './module.js';
import { editFacts, planEdit, type Edit } from './support/text-edit.js';

export interface SysctlArgs {
  name: string;
  value?: string | number;
  state?: 'present' | 'absent';
  sysctl_file?: string;
  reload?: boolean;
}

const DEFAULT_FILE = '/etc/sysctl.d/99-bc-play.conf';

/** Why: tuning (somaxconn, swappiness, forwarding) must hold now and after a reboot, changed only when it differs. */
export const sysctlModule: ModuleDefinition<SysctlArgs> = {
  name: 'sysctl',
  description: 'Sets a kernel parameter in a sysctl.d file and, when the live value differs, applies it with sysctl -w; or removes it from the file.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: {
      name: { type: 'string', pattern: '^[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)+$', description: 'Dotted parameter name, e.g. net.core.somaxconn.' },
      value: {
        type: ['string', 'number'],
        pattern: '^[^\\n=]*[^\\s=][^\\n=]*$',
        description: 'The wanted value; several fields separated by spaces ("1024 65000"). Required with state: present.',
      },
      state: { enum: ['present', 'absent'], default: 'present', description: 'absent removes the parameter from the file; the live value is left as it is.' },
      sysctl_file: { type: 'string', minLength: 1, default: DEFAULT_FILE, description: `The file that holds the setting across reboots (default ${DEFAULT_FILE}).` },
      reload: { type: 'boolean', default: true, description: 'Apply the value now with sysctl -w when the live value differs.' },
    },
    if: { properties: { state: { const: 'absent' } }, required: ['state'] },
    else: { required: ['value'] },
  },
  facts(args) {
    const live = args.state !== 'absent' && (args.reload ?? true) ? [sysctlValue(args.name)] : [];
    return [...editFacts(args.sysctl_file ?? DEFAULT_FILE), ...live];
  },
  plan(args, facts, ctx) {
    const file = args.sysctl_file ?? DEFAULT_FILE;
    const value = args.state === 'absent' ? undefined : normalizeSysctlValue(String(args.value));
    const filePlan = planEdit({ path: file, attrs: {}, create: true }, (lines) => editSetting(args.name, value, file, lines), facts, ctx);
    if (value === undefined || !(args.reload ?? true)) return filePlan;
    const live = facts.get(sysctlValue(args.name));
    if (!live.exists) {
      throw new BcError(`the kernel has no parameter ${args.name}`, undefined, 'check the name with `sysctl -a`; some parameters appear only once their kernel module is loaded');
    }
    const changes: Change[] = [...filePlan.changes];
    const reasons = filePlan.reason ? [filePlan.reason] : [];
    if (live.value === value) reasons.push(`${args.name} is already ${value} live`);
    else {
      changes.push({
        summary: `set ${args.name} to ${value} live (was ${live.value})`,
        command: sh`sysctl -w ${`${args.name}=${value}`}`,
        effects: [{ fact: sysctlValue(args.name), value: { exists: true, value } }],
      });
    }
    return { changes, reason: reasons.join('; ') || undefined };
  },
};

function editSetting(name: string, value: string | undefined, file: string, lines: string[]): Edit {
  const re = new RegExp(`^\\s*${name.replace(/\./g, '[./]')}\\s*=(.*)$`);
  const matches = lines.flatMap((l, i) => (re.test(l) ? [i] : []));
  if (value === undefined) {
    if (matches.length === 0) return { unchanged: `${file} does not set ${name}` };
    return { lines: lines.filter((_, i) => !matches.includes(i)), summary: `remove ${name} from ${file}` };
  }
  const wanted = `${name} = ${value}`;
  if (matches.length === 1 && normalizeSysctlValue(re.exec(lines[matches[0]])?.[1] ?? '') === value) {
    return { unchanged: `${file} already sets ${name} = ${value}` };
  }
  if (matches.length === 0) return { lines: [...lines, wanted], summary: `add ${wanted} to ${file}` };
  // The last setting wins at boot; keep its place, drop the earlier duplicates.
  const last = matches[matches.length - 1];
  const next = lines.flatMap((l, i) => (i === last ? [wanted] : matches.includes(i) ? [] : [l]));
  return { lines: next, summary: `set ${wanted} in ${file}` };
}
