import { homedir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConnectionTarget } from '../../../lib/connection/connection.js';
import { connectionTargetFor, inventoryLocator, type ConnectionDefaults } from '../../../lib/inventory/connection-target.js';
import { parseInventoryText } from '../../../lib/inventory/load.js';
import { userVarsOf } from './support.js';
import type { Vars } from '../../../lib/inventory/types.js';
import { errorOf } from './support.js';

const knownHosts = join(homedir(), '.ssh/known_hosts');

const targets: Array<[string, string, Vars, ConnectionDefaults, ConnectionTarget]> = [
  [
    'reaches a host over ssh as root on port 22 by its name',
    'web1',
    {},
    {},
    { host: 'web1', kind: 'ssh', address: 'web1', port: 22, user: 'root', knownHosts },
  ],
  [
    'reaches localhost locally',
    'localhost',
    {},
    {},
    { host: 'localhost', kind: 'local', address: 'localhost', port: 22, user: 'root' },
  ],
  [
    'reaches localhost over ssh when asked to',
    'localhost',
    { connection: 'ssh' },
    {},
    { host: 'localhost', kind: 'ssh', address: 'localhost', port: 22, user: 'root', knownHosts },
  ],
  [
    'reads address, port, user, key and known_hosts from the variables',
    'web1',
    { address: '203.0.113.10', ssh_port: 2222, ssh_user: 'deploy', ssh_private_key: '/keys/id', ssh_known_hosts: '/lab/known_hosts' },
    { privateKey: '/default/id', knownHosts: '/default/known_hosts' },
    { host: 'web1', kind: 'ssh', address: '203.0.113.10', port: 2222, user: 'deploy', privateKey: '/keys/id', knownHosts: '/lab/known_hosts' },
  ],
  [
    'falls back to the command-line defaults for key, known_hosts and new host keys',
    'web1',
    { private_address: '10.10.0.2' },
    { privateKey: '/default/id', knownHosts: '/default/known_hosts', acceptNewHostKeys: true },
    { host: 'web1', kind: 'ssh', address: 'web1', port: 22, user: 'root', privateKey: '/default/id', knownHosts: '/default/known_hosts', acceptNewHostKeys: true },
  ],
  [
    'expands ~ in key and known_hosts paths',
    'web1',
    { ssh_private_key: '~/.ssh/id_ed25519', ssh_known_hosts: '~/lab/known_hosts' },
    {},
    { host: 'web1', kind: 'ssh', address: 'web1', port: 22, user: 'root', privateKey: join(homedir(), '.ssh/id_ed25519'), knownHosts: join(homedir(), 'lab/known_hosts') },
  ],
];

for (const [sentence, host, vars, defaults, expected] of targets) {
  test(sentence, () => {
    assert.equal(connectionTargetFor(host, vars, defaults), expected);
  });
}

const hint = '  hint: fix it where it is set: the inventory, the play or -e';

const refusals: Array<[Vars, string]> = [
  [{ connection: 'winrm' }, 'host "web1": variable "connection" must be ssh or local, got "winrm"'],
  [{ ssh_port: '22' }, 'host "web1": variable "ssh_port" must be an integer from 1 to 65535, got "22"'],
  [{ ssh_port: 70000 }, 'host "web1": variable "ssh_port" must be an integer from 1 to 65535, got 70000'],
  [{ address: '' }, 'host "web1": variable "address" must be a non-empty string, got ""'],
  [{ ssh_user: ['deploy'] }, 'host "web1": variable "ssh_user" must be a non-empty string, got ["deploy"]'],
  [{ ssh_private_key: 42 }, 'host "web1": variable "ssh_private_key" must be a non-empty string, got 42'],
  [{ ssh_known_hosts: null }, 'host "web1": variable "ssh_known_hosts" must be a non-empty string, got null'],
];

for (const [vars, message] of refusals) {
  test(`refuses ${JSON.stringify(vars)} naming the host`, () => {
    assert.fixture(errorOf(() => connectionTargetFor('web1', vars, {})), `${message}\n${hint}`);
  });
}

const INVENTORY = `all:
  vars:
    ssh_user: ""
  children:
    web:
      vars:
        ssh_port: 0
      hosts:
        web1:
          ssh_port: twenty-two
        web2:
`;

const located: Array<[string, string, Vars, string]> = [
  ['a host variable', 'web1', {}, 'inventory.yaml:10:21: host "web1": variable "ssh_port" must be an integer from 1 to 65535, got "twenty-two"\n  10 |           ssh_port: twenty-two\n     |                     ^'],
  ['a group variable', 'web2', {}, 'inventory.yaml:7:19: host "web2": variable "ssh_port" must be an integer from 1 to 65535, got 0\n  7 |         ssh_port: 0\n    |                   ^'],
  ['a variable of a parent group', 'web2', { ssh_port: 22 }, 'inventory.yaml:3:15: host "web2": variable "ssh_user" must be a non-empty string, got ""\n  3 |     ssh_user: ""\n    |               ^'],
];

for (const [what, host, play, message] of located) {
  test(`a bad value in ${what} is reported at its line in the inventory`, () => {
    const inventory = parseInventoryText(INVENTORY, 'inventory.yaml');
    const vars = { ...userVarsOf(inventory, host), ...play };
    assert.fixture(errorOf(() => connectionTargetFor(host, vars, {}, inventoryLocator(inventory, host))), `${message}\n${hint}`);
  });
}

test('a bad value that the play (or -e) sets has no inventory line', () => {
  const inventory = parseInventoryText(INVENTORY, 'inventory.yaml');
  const vars = { ...userVarsOf(inventory, 'web1'), ssh_user: 'root', ssh_port: 'x' };
  assert.fixture(errorOf(() => connectionTargetFor('web1', vars, {}, inventoryLocator(inventory, 'web1'))), `host "web1": variable "ssh_port" must be an integer from 1 to 65535, got "x"\n${hint}`);
});

test.run();
