// Pure address planning: which subnets the lab's two networks use and each host's two addresses,
// taken from the inventory where it gives them, otherwise allocated in order.
import { InputError, type Location } from '../errors.js';

/** An IPv4 network, e.g. 10.213.0.0/24. */
export interface Subnet {
  network: string;
  prefix: number;
}

/** One lab host's place on both networks. */
export interface HostAddresses {
  name: string;
  /** On the public bridge: SSH from the controller, NAT to the mirror. */
  publicAddress: string;
  /** On the VPC bridge, shared by all hosts, not routed anywhere. */
  vpcAddress: string;
}

/** Both networks and every host's addresses. */
export interface AddressPlan {
  publicSubnet: Subnet;
  /** This machine's address on the public bridge: the hosts' gateway. */
  gateway: string;
  vpcSubnet: Subnet;
  hosts: HostAddresses[];
}

/** What the planner needs from an inventory host. */
export interface HostInput {
  name: string;
  vars: Record<string, unknown>;
  location?: Location;
}

export const DEFAULT_PUBLIC = '10.213.0.0/24';
export const DEFAULT_VPC = '10.214.0.0/24';
/** First host number handed out by allocation (.11, .12, ...), like the fixture's addresses. */
const FIRST_HOST = 11;

export function ipToInt(ip: string): number {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) throw new Error(`not an IPv4 address: ${ip}`);
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export function isIpv4(text: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(text) && text.split('.').every((p) => Number(p) <= 255);
}

export function parseSubnet(cidr: string): Subnet {
  const [ip, bits] = cidr.split('/');
  const prefix = bits === undefined ? 32 : Number(bits);
  const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
  return { network: intToIp((ipToInt(ip) & mask) >>> 0), prefix };
}

export function formatSubnet(s: Subnet): string {
  return `${s.network}/${s.prefix}`;
}

function range(s: Subnet): [number, number] {
  const start = ipToInt(s.network);
  return [start, start + 2 ** (32 - s.prefix) - 1];
}

/** Why: a lab subnet must not shadow a route this machine already uses. */
export function overlaps(a: Subnet, b: Subnet): boolean {
  const [a0, a1] = range(a);
  const [b0, b1] = range(b);
  return a0 <= b1 && b0 <= a1;
}

export function contains(s: Subnet, ip: string): boolean {
  const [lo, hi] = range(s);
  const n = ipToInt(ip);
  return n >= lo && n <= hi;
}

/** Why: inventory addresses are used only when they are private (RFC 1918), like a VPC's. */
export function isPrivate(ip: string): boolean {
  return ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].some((c) => contains(parseSubnet(c), ip));
}

/** Why: the destinations of `ip -4 route show` lines, the networks a lab subnet must avoid. */
export function routeSubnets(ipRouteOutput: string): Subnet[] {
  const out: Subnet[] = [];
  for (const line of ipRouteOutput.split('\n')) {
    const dest = line.trim().split(/\s+/)[0];
    if (!dest || dest === 'default') continue;
    const ip = dest.split('/')[0];
    if (isIpv4(ip)) out.push(parseSubnet(dest));
  }
  return out;
}

/** Why: the first /24 from `start` on (stepping the third octet) that no route of this machine uses. */
function freeSubnet(start: string, avoid: Subnet[]): Subnet {
  const first = parseSubnet(start);
  for (let i = 0; i < 4096; i++) {
    const candidate: Subnet = { network: intToIp(ipToInt(first.network) + i * 256), prefix: 24 };
    if (!avoid.some((r) => overlaps(candidate, r))) return candidate;
  }
  throw new InputError(`no free /24 for the lab from ${start} on: every one overlaps a route of this machine`);
}

interface Side {
  variable: string;
  fallback: string;
  /** Whether the subnet must avoid this machine's routes (it gets an address on the public side only). */
  routed: boolean;
}

function givenAddresses(hosts: HostInput[], side: Side): Map<string, string> {
  const given = new Map<string, string>();
  for (const h of hosts) {
    const v = h.vars[side.variable];
    if (typeof v !== 'string' || !isIpv4(v)) {
      if (v !== undefined && side.variable === 'lab_address') throw new InputError(`host ${h.name}: lab_address must be an IPv4 address, got ${JSON.stringify(v)}`, h.location);
      continue;
    }
    if (!isPrivate(v)) {
      if (side.variable === 'lab_address') throw new InputError(`host ${h.name}: lab_address ${v} is not in a private range (10/8, 172.16/12, 192.168/16)`, h.location);
      continue;
    }
    const clash = [...given].find(([, a]) => a === v);
    if (clash) throw new InputError(`hosts ${clash[0]} and ${h.name} both have ${side.variable} ${v}`, h.location);
    given.set(h.name, v);
  }
  return given;
}

function planSide(hosts: HostInput[], side: Side, routes: Subnet[], reserved: (s: Subnet) => string[]): { subnet: Subnet; byHost: Map<string, string> } {
  const given = givenAddresses(hosts, side);
  let subnet: Subnet;
  if (given.size > 0) {
    const [firstHost, first] = [...given][0];
    subnet = parseSubnet(`${first}/24`);
    for (const [name, ip] of given) {
      if (!contains(subnet, ip)) throw new InputError(`the lab puts every ${side.variable} in one /24: ${name} has ${ip}, outside ${formatSubnet(subnet)} (from ${firstHost})`, hosts.find((h) => h.name === name)?.location);
    }
    const clash = side.routed ? routes.find((r) => overlaps(subnet, r)) : undefined;
    if (clash) throw new InputError(`the lab's ${side.variable} subnet ${formatSubnet(subnet)} overlaps ${formatSubnet(clash)} (a route of this machine or the lab VPC)`, undefined, `choose other ${side.variable} values`);
  } else {
    subnet = freeSubnet(side.fallback, side.routed ? routes : []);
  }
  const taken = new Set([...given.values(), ...reserved(subnet)]);
  const byHost = new Map(given);
  const [lo, hi] = range(subnet);
  let next = lo + FIRST_HOST;
  for (const h of hosts) {
    if (byHost.has(h.name)) continue;
    while (taken.has(intToIp(next))) next++;
    if (next >= hi) throw new InputError(`too many lab hosts for ${formatSubnet(subnet)}`);
    byHost.set(h.name, intToIp(next));
    taken.add(intToIp(next));
  }
  for (const [name, ip] of byHost) {
    const n = ipToInt(ip);
    if (n === lo || n === hi) throw new InputError(`host ${name}: ${ip} is the network or broadcast address of ${formatSubnet(subnet)}`);
  }
  return { subnet, byHost };
}

/**
 * Why: the inventory stays the one description of the fleet, so its private_address values are
 * the VPC addresses and `lab_address` pins a public one; the rest is allocated deterministically
 * (.11, .12, ... in inventory order) in subnets that avoid this machine's routes.
 */
export function planAddresses(hosts: HostInput[], routes: Subnet[]): AddressPlan {
  const gatewayOf = (s: Subnet) => intToIp(ipToInt(s.network) + 1);
  const vpc = planSide(hosts, { variable: 'private_address', fallback: DEFAULT_VPC, routed: false }, routes, () => []);
  const pub = planSide(hosts, { variable: 'lab_address', fallback: DEFAULT_PUBLIC, routed: true }, [...routes, vpc.subnet], (s) => [gatewayOf(s)]);
  const gateway = gatewayOf(pub.subnet);
  const onGateway = [...pub.byHost].find(([, ip]) => ip === gateway);
  if (onGateway) throw new InputError(`host ${onGateway[0]}: lab_address ${gateway} is the lab gateway (this machine's address on the public bridge)`);
  return {
    publicSubnet: pub.subnet,
    gateway,
    vpcSubnet: vpc.subnet,
    hosts: hosts.map((h) => ({ name: h.name, publicAddress: pub.byHost.get(h.name)!, vpcAddress: vpc.byHost.get(h.name)! })),
  };
}
