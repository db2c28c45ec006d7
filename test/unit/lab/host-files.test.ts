import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hostFiles, knownHostsLine } from '../../../lib/lab/host-files.js';

const files = hostFiles({
  host: { name: 'db1', index: 2, publicAddress: '10.213.0.13', vpcAddress: '10.214.0.13', cgroups: [] },
  publicPrefix: 24,
  vpcPrefix: 24,
  gateway: '10.213.0.1',
  resolvers: ['10.255.255.53'],
  mirrorPins: { 'deb.debian.org': ['203.0.113.80', '203.0.113.81'] },
  clientPublicKey: 'ssh-ed25519 AAAAkey bc-play-lab\n',
});
const file = (path: string) => files.find((f) => f.path === path)!;

test('gives eth0 the public address and the default route, eth1 the VPC address only', () => {
  assert.match(file('etc/systemd/network/10-eth0.network').content, /Name=eth0\n[\s\S]*Address=10\.213\.0\.13\/24\nGateway=10\.213\.0\.1\n/);
  const vpc = file('etc/systemd/network/20-eth1.network').content;
  assert.match(vpc, /Name=eth1\n[\s\S]*Address=10\.214\.0\.13\/24\n/);
  assert.not.match(vpc, /Gateway/);
});

test('pins the mirror to an address the firewall allows and names the host', () => {
  assert.match(file('etc/hosts').content, /\n203\.0\.113\.80 deb\.debian\.org\n/);
  assert.match(file('etc/hosts').content, /127\.0\.1\.1 db1\n/);
  assert.is(file('etc/hostname').content, 'db1\n');
  assert.is(file('etc/resolv.conf').content, 'nameserver 10.255.255.53\n');
});

test('authorizes the lab client key for root, readable by root only', () => {
  assert.equal(file('root/.ssh/authorized_keys'), { path: 'root/.ssh/authorized_keys', content: 'ssh-ed25519 AAAAkey bc-play-lab\n', mode: 0o600 });
});

test('writes a known_hosts line for the host\'s public address without the key comment', () => {
  assert.is(knownHostsLine('10.213.0.13', 'ssh-ed25519 AAAAhost root@db1\n'), '10.213.0.13 ssh-ed25519 AAAAhost');
});

test.run();
