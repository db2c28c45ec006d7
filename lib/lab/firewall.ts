// Pure: the iptables rules that keep the lab's traffic to its own hosts, the Debian mirror and
// this machine's DNS resolver. The rules are data, so `down` deletes exactly what `up` added.

/** One rule as `iptables -t TABLE -I/-D CHAIN ...spec`. */
export interface FirewallRule {
  table: 'filter' | 'nat';
  chain: string;
  spec: string[];
}

/** What the rules are built from. */
export interface FirewallInput {
  publicBridge: string;
  vpcBridge: string;
  publicSubnet: string;
  /** IPv4 addresses of the Debian mirror(s), reached on tcp 80 and 443. */
  mirrorAddresses: string[];
  /** This machine's DNS resolver(s), reached on port 53. */
  resolvers: string[];
}

const COMMENT = ['-m', 'comment', '--comment', 'bc-play lab'];

/**
 * Why: with br_netfilter every lab packet, even bridged lab-to-lab traffic, crosses FORWARD, so
 * the allowed flows are listed one by one and everything else from a lab bridge is rejected
 * locally (a TCP reset or ICMP unreachable answers at once; nothing reaches the outside). The rules are inserted at
 * the top of FORWARD in this order; the NAT rule masquerades only what FORWARD let through.
 */
export function labFirewall(f: FirewallInput): FirewallRule[] {
  const fwd = (...spec: string[]): FirewallRule => ({ table: 'filter', chain: 'FORWARD', spec: [...spec, ...COMMENT] });
  const fromPublic = ['-i', f.publicBridge];
  return [
    fwd('-i', f.publicBridge, '-o', f.publicBridge, '-j', 'ACCEPT'),
    fwd('-i', f.vpcBridge, '-o', f.vpcBridge, '-j', 'ACCEPT'),
    fwd('-o', f.publicBridge, '-m', 'conntrack', '--ctstate', 'ESTABLISHED,RELATED', '-j', 'ACCEPT'),
    ...f.mirrorAddresses.map((ip) => fwd(...fromPublic, '-d', `${ip}/32`, '-p', 'tcp', '-m', 'multiport', '--dports', '80,443', '-j', 'ACCEPT')),
    ...f.resolvers.flatMap((ip) => ['udp', 'tcp'].map((proto) => fwd(...fromPublic, '-d', `${ip}/32`, '-p', proto, '--dport', '53', '-j', 'ACCEPT'))),
    fwd(...fromPublic, '-p', 'tcp', '-j', 'REJECT', '--reject-with', 'tcp-reset'),
    fwd(...fromPublic, '-j', 'REJECT', '--reject-with', 'icmp-port-unreachable'),
    fwd('-i', f.vpcBridge, '-j', 'REJECT', '--reject-with', 'icmp-port-unreachable'),
    fwd('-o', f.vpcBridge, '-j', 'REJECT', '--reject-with', 'icmp-port-unreachable'),
    { table: 'nat', chain: 'POSTROUTING', spec: ['-s', f.publicSubnet, '!', '-o', f.publicBridge, '-j', 'MASQUERADE', ...COMMENT] },
  ];
}

/** Why: `iptables -C` / `-D` take the same spec as `-I`; one function builds all three. */
export function ruleArgs(action: '-I' | '-C' | '-D', rule: FirewallRule, position?: number): string[] {
  const where = action === '-I' && position !== undefined ? [String(position)] : [];
  return ['-w', '-t', rule.table, action, rule.chain, ...where, ...rule.spec];
}
