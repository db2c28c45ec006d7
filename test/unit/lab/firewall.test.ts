import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { labFirewall, ruleArgs } from '../../../lib/lab/firewall.js';

const rules = labFirewall({ publicBridge: 'pub', vpcBridge: 'vpc', publicSubnet: '10.213.0.0/24', mirrorAddresses: ['203.0.113.80'], resolvers: ['10.255.255.53'] });
const forward = rules.filter((r) => r.chain === 'FORWARD').map((r) => r.spec.slice(0, -4).join(' '));

test('allows lab-to-lab traffic on each bridge, replies, the mirror on 80/443 and DNS, then rejects the rest', () => {
  assert.equal(forward, [
    '-i pub -o pub -j ACCEPT',
    '-i vpc -o vpc -j ACCEPT',
    '-o pub -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT',
    '-i pub -d 203.0.113.80/32 -p tcp -m multiport --dports 80,443 -j ACCEPT',
    '-i pub -d 10.255.255.53/32 -p udp --dport 53 -j ACCEPT',
    '-i pub -d 10.255.255.53/32 -p tcp --dport 53 -j ACCEPT',
    '-i pub -p tcp -j REJECT --reject-with tcp-reset',
    '-i pub -j REJECT --reject-with icmp-port-unreachable',
    '-i vpc -j REJECT --reject-with icmp-port-unreachable',
    '-o vpc -j REJECT --reject-with icmp-port-unreachable',
  ]);
});

test('masquerades only the public subnet leaving by another interface, and marks every rule as the lab\'s', () => {
  const nat = rules.filter((r) => r.table === 'nat');
  assert.equal(nat.map((r) => r.spec.slice(0, -4).join(' ')), ['-s 10.213.0.0/24 ! -o pub -j MASQUERADE']);
  assert.ok(rules.every((r) => r.spec.slice(-4).join(' ') === '-m comment --comment bc-play lab'));
});

test('builds insert, check and delete commands from the same rule', () => {
  const rule = rules[0];
  assert.equal(ruleArgs('-I', rule, 3).slice(0, 6), ['-w', '-t', 'filter', '-I', 'FORWARD', '3']);
  assert.equal(ruleArgs('-D', rule).slice(0, 5), ['-w', '-t', 'filter', '-D', 'FORWARD']);
  assert.equal(ruleArgs('-C', rule).slice(5), rule.spec);
});

test.run();
