// ufw facts: whether it is installed and enabled, its default policies and the rules the user added.
import type { FactSpec } from './fact.js';

/** The firewall as ufw describes it; rules in the form `ufw show added` prints (without "ufw "). */
export interface UfwState {
  installed: boolean;
  active: boolean;
  /** deny, allow or reject, from /etc/default/ufw. */
  defaultIncoming: string;
  defaultOutgoing: string;
  rules: string[];
}

const SEP = '@@bc-play-ufw@@';
const POLICIES: Record<string, string> = { DROP: 'deny', ACCEPT: 'allow', REJECT: 'reject' };

/** Why: one round trip tells the ufw module everything it compares: state, policies, rules. */
export const ufwFact: FactSpec<UfwState> = {
  key: 'ufw',
  command: [
    'if ! command -v ufw >/dev/null 2>&1; then echo missing; exit 0; fi',
    'LC_ALL=C ufw status | head -n 1',
    `echo ${SEP}`,
    "grep -E '^DEFAULT_(INPUT|OUTPUT)_POLICY=' /etc/default/ufw",
    `echo ${SEP}`,
    'LC_ALL=C ufw show added',
  ].join('\n'),
  parse: parseUfw,
};

/** Why: kept apart from the FactSpec so it is tested on captured ufw outputs. */
export function parseUfw(stdout: string): UfwState {
  if (stdout.trim() === 'missing') return { installed: false, active: false, defaultIncoming: 'deny', defaultOutgoing: 'allow', rules: [] };
  const [status = '', defaults = '', added = ''] = stdout.split(`${SEP}\n`);
  const policy = (name: string, fallback: string): string => {
    const m = new RegExp(`^DEFAULT_${name}_POLICY="?([A-Z]+)"?`, 'm').exec(defaults);
    return m ? (POLICIES[m[1]] ?? m[1].toLowerCase()) : fallback;
  };
  return {
    installed: true,
    active: /^Status: active/.test(status.trim()),
    defaultIncoming: policy('INPUT', 'deny'),
    defaultOutgoing: policy('OUTPUT', 'allow'),
    rules: added
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.startsWith('ufw '))
      .map((l) => l.slice(4)),
  };
}
