// The `hostname` module: the host's name set as Ansible 2.14's systemd strategy does (static, then
// transient, through hostnamectl), or its Debian file strategy (/etc/hostname) without systemd.
import { BcError } from '../errors.js';
import { fileContent, fileStat, identity } from '../facts/files.js';
import { hostnameFact, type HostnameState, type NameRead } from '../facts/hostname.js';
import { sh } from '../shell/quote.js';
import type { Change, FactView, ModuleDefinition, Plan, PlanContext } from './module.js';
import { planWrite } from './support/atomic-write.js';

export interface HostnameArgs {
  name: string;
  use?: 'systemd' | 'debian';
}

/** Distributions whose Ansible class uses /etc/hostname when systemd does not manage the host. */
const FILE_STRATEGY_OS = new Set(['debian', 'ubuntu', 'kali', 'parrot', 'linuxmint', 'cumulus-linux', 'kylin']);

/** Why: a host must carry the name the fleet knows it by, set the way Ansible sets it so either tool finds it unchanged. */
export const hostnameModule: ModuleDefinition<HostnameArgs> = {
  name: 'hostname',
  description: 'Sets the host\'s name as Ansible 2.14 does: with systemd, the static and the transient name through hostnamectl; without it, on Debian and its derivatives, /etc/hostname. /etc/hosts is left alone, as Ansible.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: {
      name: { type: 'string', minLength: 1, pattern: '^[^\\s]+$', description: 'The host\'s name.' },
      use: { enum: ['systemd', 'debian'], description: 'The strategy: systemd (hostnamectl; debian means the same, as in Ansible 2.14). Unset: systemd when systemd manages the host, else /etc/hostname on Debian and its derivatives.' },
    },
  },
  facts(_args, ctx) {
    return [hostnameFact, fileStat('/etc/hostname'), identity, ...(ctx.diff ? [fileContent('/etc/hostname')] : [])];
  },
  plan(args, facts, ctx) {
    const state = facts.get(hostnameFact);
    const data = { name: args.name };
    const plan = args.use !== undefined || state.systemd ? planSystemd(args.name, state) : planFile(args.name, state, facts, ctx);
    return { ...plan, data };
  },
};

/** Static name first, then the transient one, each only when it differs (Ansible's SystemdStrategy). */
function planSystemd(name: string, state: HostnameState): Plan {
  const staticName = known(state.static, 'static');
  const transient = known(state.transient, 'transient');
  if (staticName === name && transient === name) return { changes: [], reason: `hostname is already ${name}` };
  if (name.length > 64) throw new BcError(`name cannot be longer than 64 characters on systemd servers (${name.length})`, undefined, 'try a shorter name');
  const after: HostnameState = { ...state, static: { rc: 0, value: name }, transient: { rc: 0, value: name }, file: name };
  const changes: Change[] = [];
  if (staticName !== name) changes.push({ summary: `set the static hostname to ${name} (was ${staticName || 'unset'})`, command: sh`hostnamectl --pretty --static set-hostname ${name}` });
  if (transient !== name) changes.push({ summary: `set the transient hostname to ${name} (was ${transient})`, command: sh`hostnamectl --transient set-hostname ${name}` });
  changes[changes.length - 1].effects = [{ fact: hostnameFact, value: after }];
  changes[0].diff = { path: 'hostname', before: `hostname = ${transient !== name ? transient : staticName}\n`, after: `hostname = ${name}\n` };
  return { changes };
}

/** /etc/hostname holds the name (Ansible's FileStrategy for Debian without systemd): the current name is not set. */
function planFile(name: string, state: HostnameState, facts: FactView, ctx: PlanContext): Plan {
  if (!state.os.some((id) => FILE_STRATEGY_OS.has(id))) {
    throw new BcError(`systemd does not manage this host and its distribution (${state.os.join(' ') || 'unknown'}) has no hostname strategy in bc-play`, undefined, 'set use: systemd if hostnamectl works there');
  }
  if (state.file === name) return { changes: [], reason: `hostname is already ${name} (/etc/hostname)` };
  const plan = planWrite({ path: '/etc/hostname', content: Buffer.from(`${name}\n`), attrs: {}, summary: `set the hostname to ${name} in /etc/hostname (was ${state.file || 'unset'})` }, facts, ctx);
  const change = plan.changes[0];
  change.effects = [...(change.effects ?? []), { fact: hostnameFact, value: { ...state, file: name } }];
  return plan;
}

/** A name hostnamectl reported, or the failure Ansible reports for it. */
function known(read: NameRead, which: string): string {
  if (read.rc !== 0) throw new BcError(`hostnamectl --${which} status failed (exit code ${read.rc}): ${read.value}`, undefined, 'is systemd-hostnamed available on the host?');
  return read.value;
}
