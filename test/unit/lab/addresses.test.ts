import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InputError } from '../../../lib/errors.js';
import { formatSubnet, isPrivate, overlaps, parseSubnet, planAddresses, routeSubnets, type HostInput } from '../../../lib/lab/addresses.js';

const h = (name: string, vars: Record<string, unknown> = {}): HostInput => ({ name, vars });
const ROUTES = routeSubnets('default via 192.0.2.1 dev eth0\n192.0.2.0/24 dev eth0 proto kernel scope link src 192.0.2.2\nlocal 192.0.2.2 dev eth0 table local\n');

test('reads the destinations of this machine\'s routes, skipping the default and non-network lines', () => {
  assert.equal(ROUTES.map(formatSubnet), ['192.0.2.0/24']);
});

const plans: Array<[string, HostInput[], string[], { pub: string; vpc: string; hosts: Array<[string, string, string]> }]> = [
  [
    'allocates .11, .12, ... in the default subnets when the inventory gives no addresses',
    [h('a'), h('b')],
    [],
    { pub: '10.213.0.0/24', vpc: '10.214.0.0/24', hosts: [['a', '10.213.0.11', '10.214.0.11'], ['b', '10.213.0.12', '10.214.0.12']] },
  ],
  [
    'takes private_address as the VPC address and allocates around it',
    [h('a', { private_address: '10.214.0.12' }), h('b'), h('c', { private_address: '10.214.0.11' })],
    [],
    { pub: '10.213.0.0/24', vpc: '10.214.0.0/24', hosts: [['a', '10.213.0.11', '10.214.0.12'], ['b', '10.213.0.12', '10.214.0.13'], ['c', '10.213.0.13', '10.214.0.11']] },
  ],
  [
    'uses the /24 of the inventory\'s VPC addresses, like a droplet VPC',
    [h('a', { private_address: '10.116.0.2' }), h('b')],
    [],
    { pub: '10.213.0.0/24', vpc: '10.116.0.0/24', hosts: [['a', '10.213.0.11', '10.116.0.2'], ['b', '10.213.0.12', '10.116.0.11']] },
  ],
  [
    'ignores a private_address outside the private ranges and allocates one',
    [h('a', { private_address: '8.8.8.8' })],
    [],
    { pub: '10.213.0.0/24', vpc: '10.214.0.0/24', hosts: [['a', '10.213.0.11', '10.214.0.11']] },
  ],
  [
    'pins the public side with lab_address',
    [h('a', { lab_address: '192.168.50.7' }), h('b')],
    [],
    { pub: '192.168.50.0/24', vpc: '10.214.0.0/24', hosts: [['a', '192.168.50.7', '10.214.0.11'], ['b', '192.168.50.11', '10.214.0.12']] },
  ],
  [
    'moves the public subnet past one this machine already routes',
    [h('a')],
    ['10.213.0.0/16'],
    { pub: '10.214.1.0/24', vpc: '10.214.0.0/24', hosts: [['a', '10.214.1.11', '10.214.0.11']] },
  ],
];

for (const [name, hosts, routes, expected] of plans) {
  test(name, () => {
    const plan = planAddresses(hosts, routes.map(parseSubnet));
    assert.is(formatSubnet(plan.publicSubnet), expected.pub);
    assert.is(formatSubnet(plan.vpcSubnet), expected.vpc);
    assert.is(plan.gateway, expected.pub.replace(/\.0\/24$/, '.1'));
    assert.equal(plan.hosts.map((x) => [x.name, x.publicAddress, x.vpcAddress]), expected.hosts);
  });
}

const refusals: Array<[string, HostInput[], string[], RegExp]> = [
  ['refuses two hosts with the same VPC address', [h('a', { private_address: '10.214.0.5' }), h('b', { private_address: '10.214.0.5' })], [], /hosts a and b both have private_address 10\.214\.0\.5/],
  ['refuses VPC addresses spread over two /24s', [h('a', { private_address: '10.214.0.5' }), h('b', { private_address: '10.214.1.5' })], [], /b has 10\.214\.1\.5, outside 10\.214\.0\.0\/24/],
  ['refuses a public lab_address this machine already routes', [h('a', { lab_address: '192.168.7.9' })], ['192.168.0.0/16'], /overlaps 192\.168\.0\.0\/16/],
  ['refuses a lab_address that is the lab gateway', [h('a', { lab_address: '10.99.0.1' })], [], /10\.99\.0\.1 is the lab gateway/],
  ['refuses a lab_address outside the private ranges', [h('a', { lab_address: '203.0.113.4' })], [], /not in a private range/],
  ['refuses a lab_address that is no IPv4 address', [h('a', { lab_address: 'edge.example' })], [], /must be an IPv4 address/],
];

for (const [name, hosts, routes, message] of refusals) {
  test(name, () => {
    try {
      planAddresses(hosts, routes.map(parseSubnet));
      assert.unreachable('planned');
    } catch (e) {
      assert.instance(e, InputError);
      assert.match((e as Error).message, message);
    }
  });
}

test('tells private ranges and overlapping subnets apart', () => {
  assert.equal(['10.1.2.3', '172.20.0.1', '192.168.1.1', '172.32.0.1', '8.8.8.8'].map(isPrivate), [true, true, true, false, false]);
  assert.ok(overlaps(parseSubnet('10.213.0.0/24'), parseSubnet('10.0.0.0/8')));
  assert.not.ok(overlaps(parseSubnet('10.213.0.0/24'), parseSubnet('10.213.1.0/24')));
});

test.run();
