// ufw: default policies, the exact set of allow rules, and the firewall enabled, SSH first.
import { BcError } from '../errors.js';
import { ufwFact, type UfwState } from '../facts/ufw.js';
import { sh } from '../shell/quote.js';
import { splitWords } from './command.js';
import type { Change, ModuleDefinition } from './module.js';

export interface UfwRule {
  port: number | string;
  proto?: 'tcp' | 'udp';
  /** An address or CIDR; absent or "any": from anywhere. */
  from?: string;
}

export interface UfwArgs {
  rules: UfwRule[];
  default_incoming?: 'deny' | 'reject' | 'allow';
  default_outgoing?: 'deny' | 'reject' | 'allow';
  /** Remove added rules that are not in `rules`. */
  purge?: boolean;
  state?: 'enabled' | 'disabled';
}

/** fail2ban's ufw ban action comments its rules so; they are its bans, not drift, and the purge keeps them. */
const FAIL2BAN_BAN = /\bcomment '?by Fail2Ban\b/;

const ADDRESS = '^(any|[0-9a-fA-F:.]+(/[0-9]{1,3})?)$';

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['rules'],
  properties: {
    rules: {
      type: 'array',
      description: 'Allow rules, in order. Rules are added before the firewall is enabled, so list SSH here to keep the session.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['port'],
        properties: {
          port: {
            anyOf: [{ type: 'integer', minimum: 1, maximum: 65535 }, { type: 'string', pattern: '^[0-9]+(:[0-9]+)?$' }],
            description: 'Port or range (e.g. 6000:6010).',
          },
          proto: { enum: ['tcp', 'udp'], default: 'tcp', description: 'Protocol.' },
          from: { type: 'string', pattern: ADDRESS, default: 'any', description: 'Source address or CIDR, or "any".' },
        },
      },
    },
    default_incoming: { enum: ['deny', 'reject', 'allow'], default: 'deny', description: 'Policy for incoming traffic no rule allows.' },
    default_outgoing: { enum: ['deny', 'reject', 'allow'], default: 'allow', description: 'Policy for outgoing traffic.' },
    purge: { type: 'boolean', default: true, description: 'Delete added rules that are not listed (after the listed ones are in place); fail2ban\'s bans (comment "by Fail2Ban ...") are kept.' },
    state: { enum: ['enabled', 'disabled'], default: 'enabled', description: 'Whether the firewall is on.' },
  },
};

/** Why: the text ufw itself prints for a rule in `ufw show added`, so wanted and present compare as strings. */
export function ruleText(rule: UfwRule): string {
  const proto = rule.proto ?? 'tcp';
  const from = rule.from ?? 'any';
  if (from === 'any') return `allow ${rule.port}/${proto}`;
  return `allow from ${from} to any port ${rule.port} proto ${proto}`;
}

/**
 * Why: a firewall is only safe to converge when the order is right: policies, then every wanted
 * rule (SSH among them), then enable, and only then removal of rules no longer wanted.
 */
export const ufwModule: ModuleDefinition<UfwArgs> = {
  name: 'ufw',
  description: 'Sets ufw default policies and exactly the listed allow rules, then enables the firewall without cutting the session.',
  schema,
  facts: () => [ufwFact],
  plan(args, facts) {
    const now = facts.get(ufwFact);
    let state: UfwState = now;
    const changes: Change[] = [];
    const step = (summary: string, command: string, next: Partial<UfwState>): void => {
      state = { ...state, ...next, installed: true };
      changes.push({ summary, command, effects: [{ fact: ufwFact, value: state }] });
    };
    const incoming = args.default_incoming ?? 'deny';
    const outgoing = args.default_outgoing ?? 'allow';
    if (state.defaultIncoming !== incoming) step(`set default ${incoming} incoming`, sh`ufw default ${incoming} incoming`, { defaultIncoming: incoming });
    if (state.defaultOutgoing !== outgoing) step(`set default ${outgoing} outgoing`, sh`ufw default ${outgoing} outgoing`, { defaultOutgoing: outgoing });
    const wanted = args.rules.map(ruleText);
    for (const rule of wanted) {
      if (!state.rules.includes(rule)) step(`add rule: ${rule}`, sh`ufw ${splitWords(rule)}`, { rules: [...state.rules, rule] });
    }
    const enable = (args.state ?? 'enabled') === 'enabled';
    if (enable && !state.active) {
      if (!args.rules.some((r) => String(r.port) === '22')) {
        throw new BcError('ufw: refusing to enable the firewall without a rule for port 22', undefined, 'add the SSH rule to `rules`, or the session that runs this would be cut');
      }
      step('enable the firewall', 'ufw --force enable', { active: true });
    }
    if (!enable && state.active) step('disable the firewall', 'ufw disable', { active: false });
    if (args.purge ?? true) {
      for (const rule of state.rules.filter((r) => !wanted.includes(r) && !FAIL2BAN_BAN.test(r))) {
        step(`delete rule: ${rule}`, sh`ufw delete ${splitWords(rule)}`, { rules: state.rules.filter((r) => r !== rule) });
      }
    }
    const reason = changes.length ? undefined : `ufw ${state.active ? 'active' : 'inactive'} with ${wanted.length} wanted rules, default ${incoming} incoming`;
    return { changes, reason };
  },
};
