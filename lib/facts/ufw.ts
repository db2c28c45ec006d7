// ufw facts: whether it is installed and enabled, its default policies and the rules the user added.
import type { FactSpec } from './fact.js';
import { pathObject } from './objects.js';

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
const USER_RULES = '/etc/ufw/user.rules /etc/ufw/user6.rules';
/** Tuples whose command text `ruleFromTuple` writes exactly as ufw would (no interface, app, log or comment). */
const PLAIN_TUPLE = "^### tuple ### (allow|deny|reject|limit) (tcp|udp|any) (any|[0-9:,]+) [0-9a-fA-F:./]+ (any|[0-9:,]+) [0-9a-fA-F:./]+ (in|out)$";

/**
 * Why: one round trip tells the ufw module everything it compares: state, policies, rules.
 * ufw is a Python program (~55 ms a call), so the state comes from the files it reads itself:
 * "active" is ENABLED=yes in ufw.conf, the rules are the tuples of user.rules and user6.rules.
 * Only when a rule has a form ruleFromTuple does not write (an interface, an app, a comment)
 * does `ufw show added` print them.
 */
export const ufwFact: FactSpec<UfwState> = {
  key: 'ufw',
  about: [{ id: 'firewall' }, ...['/etc/ufw/ufw.conf', '/etc/default/ufw', '/etc/ufw/user.rules', '/etc/ufw/user6.rules'].map((p) => pathObject(p))],
  command: [
    'if ! command -v ufw >/dev/null 2>&1; then echo missing; exit 0; fi',
    `if grep -qsE '^ENABLED="?yes"?$' /etc/ufw/ufw.conf; then echo 'Status: active'; else echo 'Status: inactive'; fi`,
    `echo ${SEP}`,
    "grep -E '^DEFAULT_(INPUT|OUTPUT)_POLICY=' /etc/default/ufw",
    `echo ${SEP}`,
    `if grep -hs '^### tuple ###' ${USER_RULES} | grep -qvE '${PLAIN_TUPLE}'; then LC_ALL=C ufw show added; else grep -hs '^### tuple ###' ${USER_RULES}; fi`,
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
    rules: [
      ...new Set(
        added
          .split('\n')
          .map((l) => l.trim())
          .flatMap((l) => (l.startsWith('ufw ') ? [l.slice(4)] : l.startsWith('### tuple ### ') ? [ruleFromTuple(l)] : [])),
      ),
    ],
  };
}

/**
 * Why: the command text ufw's own `show added` prints for a stored rule (its
 * UFWCommandRule.get_command, for tuples matching PLAIN_TUPLE); IPv4 and IPv6 copies of one
 * rule give the same text, kept once.
 */
export function ruleFromTuple(line: string): string {
  const [action, proto, dport, dst, sport, src, direction] = line.slice('### tuple ### '.length).split(' ');
  const anywhere = (address: string): boolean => address === '0.0.0.0/0' || address === '::/0';
  const out = direction === 'out' ? ' out' : '';
  if (anywhere(dst) && anywhere(src) && sport === 'any' && dport !== 'any') {
    return `${action}${out} ${dport}${proto === 'any' ? '' : `/${proto}`}`;
  }
  let text = `${action}${out}`;
  for (const [word, address, port] of [['from', src, sport], ['to', dst, dport]]) {
    const where = anywhere(address) ? 'any' : address;
    if (where !== 'any' || port !== 'any') text += ` ${word} ${where}${port === 'any' ? '' : ` port ${port}`}`;
  }
  if (!text.includes(' to ') && !text.includes(' from ')) text += ' to any';
  return proto === 'any' ? text : `${text} proto ${proto}`;
}
