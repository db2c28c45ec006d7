import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { endpointsFor, sshdConfig } from '../../../bench/loopback.js';

test('endpoints are named h001… and listen on 127.0.1.N at one port', () => {
  assert.equal(endpointsFor(3, 2222), [
    { name: 'h001', address: '127.0.1.1', port: 2222 },
    { name: 'h002', address: '127.0.1.2', port: 2222 },
    { name: 'h003', address: '127.0.1.3', port: 2222 },
  ]);
  assert.is(endpointsFor(254, 1).at(-1)!.address, '127.0.1.254');
});

test('more endpoints than one /24 holds are refused', () => {
  assert.throws(() => endpointsFor(255, 2222), /1 to 254 hosts, not 255/);
});

test('an sshd listens on each endpoint it is given and lets all of them handshake at once', () => {
  const config = sshdConfig('/d', endpointsFor(16, 2222), 210).split('\n');
  assert.is(config.filter((l) => l.startsWith('ListenAddress ')).length, 16);
  assert.ok(config.includes('ListenAddress 127.0.1.16:2222'));
  assert.ok(config.includes('MaxStartups 210'));
  assert.ok(config.includes('SetEnv SHLVL=1'));
});

test.run();
