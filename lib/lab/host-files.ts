// Pure: the files that make one lab host itself on top of the shared base image.
import type { HostState } from './state.js';

/** A file to write into the host's root, relative to it. */
export interface HostFile {
  path: string;
  content: string;
  mode: number;
}

/** What the files are built from besides the host. */
export interface HostFilesInput {
  host: HostState;
  publicPrefix: number;
  vpcPrefix: number;
  gateway: string;
  resolvers: string[];
  mirrorPins: Record<string, string[]>;
  clientPublicKey: string;
}

/**
 * Why: a droplet's shape: eth0 public with the default route, eth1 on the VPC, static addresses via
 * systemd-networkd; the mirror names pinned to the addresses the lab firewall allows; the lab's
 * client key authorized for root. Rewritten at every start, so a new lab key takes effect.
 */
export function hostFiles(i: HostFilesInput): HostFile[] {
  const { host } = i;
  const pins = Object.entries(i.mirrorPins).map(([name, ips]) => `${ips[0]} ${name}`);
  return [
    { path: 'etc/hostname', content: `${host.name}\n`, mode: 0o644 },
    {
      path: 'etc/hosts',
      content: ['127.0.0.1 localhost', `127.0.1.1 ${host.name}`, '::1 localhost ip6-localhost ip6-loopback', '# bc-play lab: Debian mirror(s), as allowed by the lab firewall', ...pins, ''].join('\n'),
      mode: 0o644,
    },
    { path: 'etc/resolv.conf', content: i.resolvers.map((r) => `nameserver ${r}\n`).join(''), mode: 0o644 },
    {
      path: 'etc/systemd/network/10-eth0.network',
      content: `[Match]\nName=eth0\n\n[Network]\nAddress=${host.publicAddress}/${i.publicPrefix}\nGateway=${i.gateway}\nLinkLocalAddressing=no\nIPv6AcceptRA=no\n`,
      mode: 0o644,
    },
    {
      path: 'etc/systemd/network/20-eth1.network',
      content: `[Match]\nName=eth1\n\n[Network]\nAddress=${host.vpcAddress}/${i.vpcPrefix}\nLinkLocalAddressing=no\nIPv6AcceptRA=no\n`,
      mode: 0o644,
    },
    { path: 'root/.ssh/authorized_keys', content: `${i.clientPublicKey.trim()}\n`, mode: 0o600 },
  ];
}

/** Why: the lab's known_hosts lists every host's own key under its public address. */
export function knownHostsLine(address: string, hostPublicKey: string): string {
  const [type, key] = hostPublicKey.trim().split(/\s+/);
  return `${address} ${type} ${key}`;
}
