// Runs the planned commands for real with `sh -c` in a temp dir: the facts re-read after a change
// must equal the predicted effects, and a second plan must find nothing to do.
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { FactSpec } from '../../../lib/facts/fact.js';
import { sysctlValue } from '../../../lib/facts/sysctl.js';
import type { Change, ModuleDefinition, Plan } from '../../../lib/modules/module.js';
import { blockinfileModule } from '../../../lib/modules/blockinfile.js';
import { copyModule } from '../../../lib/modules/copy.js';
import { fileModule } from '../../../lib/modules/file.js';
import { lineinfileModule } from '../../../lib/modules/lineinfile.js';
import { sysctlModule } from '../../../lib/modules/sysctl.js';
import { templateModule } from '../../../lib/modules/template.js';
import { declaredFacts, planContext } from './support/plan-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'bc-play-files-'));
const ctx = planContext({ diff: true, files: { 'motd.txt': 'welcome\n', 'app.conf.ejs': 'port = 8080\n' } });

function run(command: string, stdin?: string | Buffer) {
  return spawnSync('sh', ['-c', command], { input: stdin ?? '', encoding: 'utf8' });
}

function read<T>(spec: FactSpec<T>): T {
  const out = run(spec.command);
  return spec.parse(out.stdout, out.status ?? -1);
}

function readFacts<A>(module: ModuleDefinition<A>, args: A): Record<string, unknown> {
  return Object.fromEntries(module.facts(args, ctx).map((spec) => [spec.key, read(spec)]));
}

function plan<A>(module: ModuleDefinition<A>, args: A): Plan {
  return module.plan(args, declaredFacts(module.facts(args, ctx), readFacts(module, args)), ctx);
}

function apply(changes: Change[]) {
  for (const change of changes) {
    const out = run(change.command ?? 'true', change.stdin);
    assert.is(out.status, 0, `${change.summary} failed: ${out.stderr}`);
  }
}

/** Plans, applies, re-reads the predicted facts, and checks a second plan changes nothing. */
function converge<A>(module: ModuleDefinition<A>, args: A, summaries: RegExp[]): void {
  const first = plan(module, args);
  assert.equal(first.changes.length, summaries.length, `changes: ${first.changes.map((c) => c.summary).join(' | ')}`);
  first.changes.forEach((c, i) => assert.match(c.summary, summaries[i]));
  apply(first.changes);
  // Effects may name facts the module did not read: each is read afresh from the host.
  const predicted = first.changes.flatMap((c) => c.effects ?? []).filter((e): e is { fact: FactSpec<unknown>; value: unknown } => 'fact' in e);
  for (const effect of predicted) assert.equal(read(effect.fact), effect.value, `fact ${effect.fact.key} differs from the prediction`);
  const second = plan(module, args);
  assert.equal(second.changes.map((c) => c.summary), [], 'a second plan still has changes');
  assert.ok(second.reason, 'a no-op says why');
}

const p = (name: string) => join(dir, name);

test('file creates a directory, then changes its mode and owner in place', () => {
  converge(fileModule, { path: p('d/sub dir'), state: 'directory', mode: '0750' }, [/^create directory .*sub dir \(mode 0750, owner root:root\)$/]);
  converge(fileModule, { path: p('d/sub dir'), state: 'directory', mode: '2775', owner: 'nobody', group: 'nogroup' }, [/^set mode 2775, owner nobody, group nogroup on /]);
});

test('file touches a new empty file, then sets the mode of the existing file', () => {
  converge(fileModule, { path: p("it's.txt"), state: 'touch', modification_time: 'preserve', access_time: 'preserve' }, [/^create empty file .* \(mode 0644, owner root:root\)$/]);
  converge(fileModule, { path: p("it's.txt"), state: 'file', mode: '600' }, [/^set mode 0600 on /]);
});

test('file creates a link, points it elsewhere, then removes it', () => {
  converge(fileModule, { path: p('link'), state: 'link', src: "it's.txt" }, [/^create link .* -> it's.txt$/]);
  converge(fileModule, { path: p('link'), state: 'link', src: p('d'), owner: 'nobody' }, [/^point link .* \(was it's.txt\)$/]);
  converge(fileModule, { path: p('link'), state: 'absent' }, [/^remove link /]);
});

test('file removes a directory and everything in it', () => {
  converge(fileModule, { path: p('d'), state: 'absent' }, [/^remove directory .* and everything in it$/]);
});

test('copy writes inline content, then rewrites it with new attributes, then only changes the owner', () => {
  converge(copyModule, { dest: p('a.conf'), content: 'a = 1\n' }, [/^create .*a.conf \(6 bytes, mode 0644, owner root:root\)$/]);
  converge(copyModule, { dest: p('a.conf'), content: 'a = 2\n', mode: '0640', group: 'nogroup' }, [/^update .*a.conf \(6 bytes, mode 0640, owner root:nogroup\)$/]);
  converge(copyModule, { dest: p('a.conf'), content: 'a = 2\n', owner: 'nobody' }, [/^set owner nobody on /]);
  assert.is(readFileSync(p('a.conf'), 'utf8'), 'a = 2\n');
});

test('copy writes a controller file and template a rendered template', () => {
  converge(copyModule, { dest: p('motd'), src: 'motd.txt' }, [/^create /]);
  converge(templateModule, { dest: p('app.conf'), src: 'app.conf.ejs', validate: 'grep -q port %s' }, [/^create /]);
  assert.is(readFileSync(p('app.conf'), 'utf8'), 'port = 8080\n');
});

test('copy replaces a link by the file it writes', () => {
  converge(fileModule, { path: p('ln'), state: 'link', src: 'motd' }, [/^create link/]);
  converge(copyModule, { dest: p('ln'), content: 'own\n' }, [/^replace the link /]);
  assert.is(readFileSync(p('motd'), 'utf8'), 'welcome\n');
});

test('a failed validation leaves the old file in place, removes the temp file and reports the validator output', () => {
  writeFileSync(p('sudoers'), 'old\n');
  const planned = plan(copyModule, { dest: p('sudoers'), content: 'new\n', validate: 'echo "parse error in %s" && false' });
  const out = run(planned.changes[0].command as string, planned.changes[0].stdin);
  assert.is(out.status, 1);
  assert.match(out.stderr, /parse error in .*\.sudoers\.bc-play-/);
  assert.match(out.stderr, /bc-play: validation failed \(echo "parse error in %s" && false\); .*sudoers left unchanged/);
  assert.is(readFileSync(p('sudoers'), 'utf8'), 'old\n');
  assert.equal(readdirSync(dir).filter((f) => f.includes('bc-play-')), []);
});

test('lineinfile creates a file, replaces a matching line, inserts at the top, removes lines', () => {
  converge(lineinfileModule, { path: p('ssh.conf'), line: 'PermitRootLogin no', create: true }, [/^add "PermitRootLogin no" to .* at line 1$/]);
  writeFileSync(p('ssh.conf'), 'Port 22\n#PermitRootLogin yes\nX11Forwarding yes');
  converge(lineinfileModule, { path: p('ssh.conf'), regexp: '^#?PermitRootLogin', line: 'PermitRootLogin no' }, [/^replace line 2 of .* with "PermitRootLogin no"$/]);
  converge(lineinfileModule, { path: p('ssh.conf'), line: '# managed', insertbefore: 'BOF' }, [/at line 1$/]);
  converge(lineinfileModule, { path: p('ssh.conf'), regexp: '^X11', state: 'absent' }, [/^remove 1 line matching/]);
  assert.is(readFileSync(p('ssh.conf'), 'utf8'), '# managed\nPort 22\nPermitRootLogin no\n');
});

test('blockinfile adds, updates and removes a marked block', () => {
  writeFileSync(p('hosts'), '127.0.0.1 localhost\n');
  converge(blockinfileModule, { path: p('hosts'), block: '10.0.0.1 db\n10.0.0.2 cache\n' }, [/^add block .* \(2 lines\)/]);
  converge(blockinfileModule, { path: p('hosts'), block: '10.0.0.1 db', mode: '0600' }, [/^update block /]);
  converge(blockinfileModule, { path: p('hosts'), state: 'absent' }, [/^remove block /]);
  assert.is(readFileSync(p('hosts'), 'utf8'), '127.0.0.1 localhost\n');
});

test('sysctl writes the setting to its file and leaves an already matching live value alone', () => {
  const current = read(sysctlValue('net.ipv4.ip_forward')).value;
  converge(sysctlModule, { name: 'net.ipv4.ip_forward', value: current, sysctl_file: p('99.conf') }, [/^add net.ipv4.ip_forward = /]);
  converge(sysctlModule, { name: 'vm.swappiness', value: 10, sysctl_file: p('99.conf'), reload: false }, [/^add vm.swappiness = 10 to /]);
  converge(sysctlModule, { name: 'net.ipv4.ip_forward', state: 'absent', sysctl_file: p('99.conf') }, [/^remove net.ipv4.ip_forward from /]);
  assert.is(readFileSync(p('99.conf'), 'utf8'), 'vm.swappiness = 10\n');
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
// The tests below follow what ansible-core 2.14 does with the same arguments (ansible-playbook -c local).

test('file gives every directory it creates, parents included, the mode (Ansible: d/a/b/c with 0700 makes four 0700 directories)', () => {
  converge(fileModule, { path: p('m/a/b'), state: 'directory', mode: '0700' }, [/^create directory .*m\/a\/b \(mode 0700/]);
  assert.equal(['m', 'm/a', 'm/a/b'].map((d) => (statSync(p(d)).mode & 0o777).toString(8)), ['700', '700', '700']);
});

test('file creating parents succeeds when another run makes one of them first (parallel hosts sharing a parent)', () => {
  const planned = plan(fileModule, { path: p('shared/h002'), state: 'directory' });
  // a mkdir that loses the race: someone else creates the directory just before it does
  mkdirSync(p('bin'));
  writeFileSync(p('bin/mkdir'), `#!/bin/sh\nfor d; do case "$d" in */shared) /bin/mkdir -m 750 -- "$d" 2>/dev/null;; esac; done\nexec /bin/mkdir "$@"\n`, { mode: 0o755 });
  for (const change of planned.changes) {
    const out = spawnSync('sh', ['-c', change.command ?? 'true'], { encoding: 'utf8', env: { ...process.env, PATH: `${p('bin')}:${process.env.PATH}` } });
    assert.is(out.status, 0, `${change.summary} failed: ${out.stderr}`);
  }
  assert.ok(statSync(p('shared/h002')).isDirectory());
  assert.is((statSync(p('shared')).mode & 0o777).toString(8), '750', 'a directory this task did not create keeps its mode');
});

test('file state touch updates the times of an existing file and says so, unless both times are preserved', () => {
  writeFileSync(p('stamp'), '');
  utimesSync(p('stamp'), 1000, 1000);
  const first = plan(fileModule, { path: p('stamp'), state: 'touch' });
  assert.equal(first.changes.map((c) => c.summary), [`update the times of ${p('stamp')}`]);
  apply(first.changes);
  assert.ok(statSync(p('stamp')).mtimeMs > 1000 * 1000, 'mtime was updated');
  assert.equal(plan(fileModule, { path: p('stamp'), state: 'touch', modification_time: 'preserve', access_time: 'preserve' }).changes, []);
});

test('copy puts a controller file into an existing directory, or a dest ending in / (created), under its own name', () => {
  converge(fileModule, { path: p('into'), state: 'directory' }, [/^create directory/]);
  converge(copyModule, { dest: p('into'), src: 'motd.txt' }, [/^create .*into\/motd.txt /]);
  converge(copyModule, { dest: `${p('fresh')}/`, src: 'motd.txt' }, [/^create .*fresh\/motd.txt /]);
  assert.is(readFileSync(p('fresh/motd.txt'), 'utf8'), 'welcome\n');
  assert.throws(() => plan(copyModule, { dest: p('into'), content: 'x' }), /is a directory, not a regular file/);
});

test('lineinfile with backrefs fills in the groups of the match and leaves the file alone when nothing matches', () => {
  writeFileSync(p('br.conf'), 'k=v1\n');
  converge(lineinfileModule, { path: p('br.conf'), regexp: '^k=(v\\d+)$', line: 'k=\\1-new', backrefs: true }, [/^replace line 1 of .* with "k=v1-new"$/]);
  assert.equal(plan(lineinfileModule, { path: p('br.conf'), regexp: '^zz=(.*)$', line: 'zz=\\1', backrefs: true }).changes, []);
  assert.is(readFileSync(p('br.conf'), 'utf8'), 'k=v1-new\n');
});

test('lineinfile keeps a missing final newline when the last line stays, and ends an appended line with one (as Ansible)', () => {
  writeFileSync(p('nl1'), 'a=1\nb=2');
  converge(lineinfileModule, { path: p('nl1'), regexp: '^a=', line: 'a=9' }, [/^replace line 1/]);
  assert.is(readFileSync(p('nl1'), 'utf8'), 'a=9\nb=2');
  writeFileSync(p('nl2'), 'a=1\nb=2');
  converge(lineinfileModule, { path: p('nl2'), line: 'c=3' }, [/^add "c=3"/]);
  assert.is(readFileSync(p('nl2'), 'utf8'), 'a=1\nb=2\nc=3\n');
});

test('lineinfile and blockinfile write through a symbolic link, which stays a link, keeping the target mode', () => {
  writeFileSync(p('real.conf'), 'x\n', { mode: 0o600 });
  symlinkSync('real.conf', p('via.conf'));
  converge(lineinfileModule, { path: p('via.conf'), line: 'y' }, [/^add "y"/]);
  converge(blockinfileModule, { path: p('via.conf'), block: 'z' }, [/^add block "# BEGIN ANSIBLE MANAGED BLOCK"/]);
  assert.ok(lstatSync(p('via.conf')).isSymbolicLink());
  assert.is(readFileSync(p('real.conf'), 'utf8'), 'x\ny\n# BEGIN ANSIBLE MANAGED BLOCK\nz\n# END ANSIBLE MANAGED BLOCK\n');
  assert.is((statSync(p('real.conf')).mode & 0o777).toString(8), '600');
});

test('lineinfile and blockinfile with create make the missing parent directories (as Ansible)', () => {
  converge(lineinfileModule, { path: p('nodir/a/f'), line: 'x', create: true }, [/^add "x"/]);
  converge(blockinfileModule, { path: p('nodir2/f'), block: 'x', create: true }, [/^add block/]);
  assert.is(readFileSync(p('nodir/a/f'), 'utf8'), 'x\n');
});

test.run();
