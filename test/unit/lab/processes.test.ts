import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { stopHost } from '../../../lib/lab/machine.js';
import { cgroupProcesses, isNamespaceInit, processState, waitGone } from '../../../lib/lab/processes.js';

/** A process that has exited but that its parent (a `sleep` that never waits) has not collected. */
function zombie(): { pid: number; parent: number } {
  const parent = spawn('sh', ['-c', 'sleep 0.05 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const pid = Number(execFileSync('sh', ['-c', `sleep 0.3; cat /proc/${parent.pid}/task/${parent.pid}/children`], { encoding: 'utf8' }).trim());
  return { pid, parent: parent.pid! };
}

/** A process whose parent has left, so this machine's PID 1 collects it; it exits on SIGTERM. */
function orphan(machine: string): number {
  const out = execFileSync('sh', ['-c', `sh -c 'trap "exit 0" TERM; while :; do sleep 0.1; done' --machine=${machine} >/dev/null 2>&1 & echo $!`], { encoding: 'utf8' });
  return Number(out.trim());
}

test('tells a running process from an exited one its parent has not collected, and from a gone one', () => {
  const z = zombie();
  assert.is(processState(process.pid), 'running');
  assert.is(processState(z.pid), 'zombie');
  process.kill(z.parent, 'SIGKILL');
  assert.is(processState(2 ** 22 + 1), 'gone');
});

test('finds the running processes at every level of a host\'s cgroups, leaving out zombies and exited ones', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bc-play-cgroup-'));
  const z = zombie();
  mkdirSync(join(dir, 'host/payload/init.scope'), { recursive: true });
  writeFileSync(join(dir, 'host/cgroup.procs'), '');
  writeFileSync(join(dir, 'host/payload/cgroup.procs'), `${z.pid}\n`);
  writeFileSync(join(dir, 'host/payload/init.scope/cgroup.procs'), `${process.pid}\n${2 ** 22 + 1}\n`);
  try {
    assert.equal(cgroupProcesses([join(dir, 'host'), join(dir, 'removed-already')]), [process.pid]);
  } finally {
    process.kill(z.parent, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});

test('knows a container\'s init by its PID 1 in its own namespace', () => {
  assert.ok(isNamespaceInit('Name:\tsystemd\nNSpid:\t12267\t1\nNSpgid:\t12267\t1\n'));
  assert.not.ok(isNamespaceInit('Name:\tsshd\nNSpid:\t12413\t57\n'));
  assert.not.ok(isNamespaceInit('Name:\tinit\nNSpid:\t1\n'), "this machine's own PID 1 is no container's");
  assert.not.ok(isNamespaceInit('Name:\told kernel\n'));
});

test('waits until an orphan\'s zombie is collected by PID 1, not merely until it exited', async () => {
  const pid = orphan('bc-play-unit-wait');
  process.kill(pid, 'SIGTERM');
  assert.ok(await waitGone(pid, 10_000));
  assert.is(processState(pid), 'gone');
});

test('gives up waiting at the deadline while the process still runs', async () => {
  const pid = orphan('bc-play-unit-deadline');
  try {
    assert.not.ok(await waitGone(pid, 200));
  } finally {
    process.kill(pid, 'SIGKILL');
  }
});

test('stopping a host returns once its nspawn is out of the process table, so a lab up right after finds none', async () => {
  const name = 'bc-play-unit-stop';
  const pid = orphan(name);
  const host = { name, index: 990, publicAddress: '10.213.0.90', vpcAddress: '10.214.0.90', pid, cgroups: [] };
  await stopHost(host, () => {});
  assert.is(processState(pid), 'gone');
  assert.is(host.pid, undefined);
});

test.run();
