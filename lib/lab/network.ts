// Makes and unmakes the lab's networks on this machine: two bridges, ip_forward and the firewall
// rules. Each change is recorded in the state before it is made.
import { lookup } from 'node:dns/promises';
import { readFileSync, writeFileSync } from 'node:fs';
import { BcError } from '../errors.js';
import { mustRun, tryRun } from './exec.js';
import { labFirewall, ruleArgs } from './firewall.js';
import { mirrorHostnames, type Mirrors } from './mirrors.js';
import type { LabState } from './state.js';

const IP_FORWARD = '/proc/sys/net/ipv4/ip_forward';

/** Why: the firewall allows addresses, not names; resolved once and pinned in every host. */
export async function resolveMirrors(mirrors: Mirrors): Promise<Record<string, string[]>> {
  const pins: Record<string, string[]> = {};
  for (const name of mirrorHostnames(mirrors)) {
    try {
      pins[name] = (await lookup(name, { all: true, family: 4 })).map((a) => a.address).sort();
    } catch (e) {
      throw new BcError(`cannot resolve the Debian mirror ${name}: ${(e as Error).message}`, undefined, 'the lab hosts need it for apt; check this machine\'s DNS');
    }
  }
  return pins;
}

async function linkExists(name: string): Promise<boolean> {
  return (await tryRun('ip', ['link', 'show', 'dev', name])).code === 0;
}

/**
 * Why: brings up both bridges (the gateway address on the public one only: the VPC is not routed),
 * turns on forwarding and inserts the firewall rules, recording each before making it.
 */
export async function setupNetwork(state: LabState, save: () => void): Promise<void> {
  for (const bridge of [state.publicBridge, state.vpcBridge]) {
    if (!state.bridges.includes(bridge)) state.bridges.push(bridge);
    save();
    if (!(await linkExists(bridge))) await mustRun('ip', ['link', 'add', bridge, 'type', 'bridge']);
    await mustRun('ip', ['link', 'set', bridge, 'up']);
  }
  const prefix = state.publicSubnet.split('/')[1];
  const cidr = `${state.gateway}/${prefix}`;
  const have = await mustRun('ip', ['-4', '-o', 'addr', 'show', 'dev', state.publicBridge]);
  if (!have.includes(` ${cidr} `)) await mustRun('ip', ['addr', 'add', cidr, 'dev', state.publicBridge]);

  const rules = labFirewall({
    publicBridge: state.publicBridge,
    vpcBridge: state.vpcBridge,
    publicSubnet: state.publicSubnet,
    mirrorAddresses: [...new Set(Object.values(state.mirrorPins).flat())],
    resolvers: state.resolvers,
  });
  let position = 1;
  for (const rule of rules) {
    if ((await tryRun('iptables', ruleArgs('-C', rule))).code !== 0) {
      if (!state.rules.some((r) => JSON.stringify(r) === JSON.stringify(rule))) state.rules.push(rule);
      save();
      await mustRun('iptables', ruleArgs('-I', rule, rule.chain === 'FORWARD' ? position : 1));
    }
    if (rule.chain === 'FORWARD') position++;
  }

  if (state.ipForwardBefore === undefined) {
    state.ipForwardBefore = readFileSync(IP_FORWARD, 'utf8').trim();
    save();
  }
  writeFileSync(IP_FORWARD, '1\n');
}

/** Why: `down` deletes exactly the recorded rules and bridges and restores ip_forward. */
export async function teardownNetwork(state: LabState, save: () => void): Promise<void> {
  for (const rule of [...state.rules].reverse()) {
    while ((await tryRun('iptables', ruleArgs('-C', rule))).code === 0) await mustRun('iptables', ruleArgs('-D', rule));
    state.rules = state.rules.filter((r) => r !== rule);
    save();
  }
  for (const bridge of [...state.bridges].reverse()) {
    if (await linkExists(bridge)) await mustRun('ip', ['link', 'del', bridge]);
    state.bridges = state.bridges.filter((b) => b !== bridge);
    save();
  }
  if (state.ipForwardBefore !== undefined) {
    writeFileSync(IP_FORWARD, `${state.ipForwardBefore}\n`);
    state.ipForwardBefore = undefined;
    save();
  }
}
