// Ansible's implicit localhost: `hosts: localhost` works without localhost in the inventory.
import type { Inventory } from './types.js';

/**
 * Why: a play for the controller itself (`hosts: localhost`) needs no inventory entry in Ansible,
 * which then adds localhost with the local connection, outside `all`. Does the same when a
 * pattern names localhost and the inventory does not; returns the inventory it was given.
 */
export function withImplicitLocalhost(inventory: Inventory, patterns: string[]): Inventory {
  if (inventory.hosts.has('localhost')) return inventory;
  const named = patterns.some((p) => p.split(/[,:]/).some((t) => t.trim().replace(/^[&!]/, '') === 'localhost'));
  if (!named) return inventory;
  inventory.hosts.set('localhost', {
    name: 'localhost',
    vars: { connection: 'local' },
    varLocations: new Map(),
    location: { file: inventory.file, line: 1, col: 1 },
    implicit: true,
  });
  return inventory;
}
