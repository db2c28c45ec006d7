// Each input error points at the key or value a user has to fix (file:line:col), and is found
// before the run opens a connection to any host.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { openConnection } from '../../../lib/connection/open.js';
import { formatError, InputError } from '../../../lib/errors.js';
import { runEngine, workspace } from '../../support/engine.js';

const INVENTORY = 'all:\n  hosts:\n    web1:\n      connection: local\n';

interface Failure {
  message: string;
  where: string;
  hint: string;
  /** Hosts the run opened a connection to before it failed. */
  opened: string[];
}

async function failure(playbook: string, files: Record<string, string> = {}, inventory = INVENTORY): Promise<Failure> {
  const ws = workspace({ 'inventory.yaml': inventory, 'play.yaml': playbook, ...files });
  const cwd = process.cwd();
  const opened: string[] = [];
  process.chdir(ws.dir);
  try {
    const report = await runEngine({
      playbook: 'play.yaml',
      inventory: 'inventory.yaml',
      settings: { extraVars: { out: ws.path('out') } },
      open: (target) => {
        opened.push(target.host);
        return openConnection(target);
      },
    });
    const failed = report.results.find((r) => r.status === 'failed');
    return { message: `no input error; the run went on: ${failed?.message ?? 'no task failed'}`, where: '', hint: '', opened };
  } catch (error) {
    assert.instance(error, InputError, formatError(error));
    const e = error as InputError;
    const where = e.location ? `${e.location.file}:${e.location.line}:${e.location.col}` : '';
    return { message: e.message, where, hint: e.hint ?? '', opened };
  } finally {
    process.chdir(cwd);
    ws.remove();
  }
}

function expect(actual: Failure, message: string, where: string): void {
  assert.is(actual.message, message);
  assert.is(actual.where, where);
  assert.equal(actual.opened, [], 'no host was contacted');
}

test('an error in when points at the condition', async () => {
  const e = await failure('- hosts: all\n  tasks:\n    - name: guarded\n      command: "true"\n      when: nope > 1\n');
  expect(e, 'undefined variable "nope" in when of task "guarded"', 'play.yaml:5:13');
});

test('an error in one condition of a when list points at that condition', async () => {
  const e = await failure('- hosts: all\n  tasks:\n    - name: guarded\n      command: "true"\n      when:\n        - true\n        - nope\n');
  expect(e, 'undefined variable "nope" in when of task "guarded"', 'play.yaml:7:11');
});

test('an error in the when of a role use points at that when', async () => {
  const e = await failure('- hosts: all\n  roles:\n    - role: app\n      when: nope\n', { 'roles/app/tasks.yaml': '- name: inside\n  command: "true"\n' });
  expect(e, 'undefined variable "nope" in when of role "app" (task "inside")', 'play.yaml:4:13');
});

test('an error in loop points at the loop', async () => {
  const e = await failure('- hosts: all\n  tasks:\n    - name: each\n      command: "echo {{ item }}"\n      loop: "{{ missing }}"\n');
  expect(e, 'undefined variable "missing" in loop of task "each"', 'play.yaml:5:13');
});

test('a loop that gives no list points at the loop', async () => {
  const e = await failure('- hosts: all\n  tasks:\n    - name: each\n      command: "echo {{ item }}"\n      loop: "{{ \'abc\' }}"\n');
  expect(e, 'loop of task "each" must give a list, got string', 'play.yaml:5:13');
});

test('an error in loop_control.label points at the label', async () => {
  const e = await failure('- hosts: all\n  tasks:\n    - name: each\n      command: "echo {{ item }}"\n      loop: [a, b]\n      loop_control:\n        label: "{{ nope }}"\n');
  expect(e, 'undefined variable "nope" in loop_control.label of task "each"', 'play.yaml:7:16');
});

test('an error in changed_when or failed_when is found before the command runs, at that key', async () => {
  const changed = await failure('- hosts: all\n  tasks:\n    - name: probe\n      command: "true"\n      changed_when: result.rc == nope\n');
  expect(changed, 'undefined variable "nope" in changed_when of task "probe"', 'play.yaml:5:21');
  const failed = await failure('- hosts: all\n  tasks:\n    - name: probe\n      command: "true"\n      register: p\n      failed_when: p.rc != 0 && nope\n');
  expect(failed, 'undefined variable "nope" in failed_when of task "probe"', 'play.yaml:6:20');
});

test('a YAML string that never closes is reported where it opens, before any host is touched', async () => {
  const e = await failure('- hosts: all\n  tasks:\n    - name: "unclosed\n      command: "true"\n');
  expect(e, 'YAML syntax error: this double-quoted string is never closed', 'play.yaml:3:13');
});

test('a reserved register name points at the register', async () => {
  const e = await failure('- hosts: all\n  tasks:\n    - command: "true"\n      register: facts\n');
  expect(e, 'register name "facts" is reserved by bc-play', 'play.yaml:4:17');
});

test('an error in a free-form command points at the command', async () => {
  const e = await failure('- hosts: all\n  tasks:\n    - name: greet\n      command: "echo {{ greeting }}"\n');
  expect(e, 'undefined variable "greeting" in task "greet"', 'play.yaml:4:16');
});

test('an error in a nested argument points at that argument', async () => {
  const e = await failure('- hosts: all\n  tasks:\n    - name: put\n      copy:\n        content: hi\n        dest: "{{ nope }}"\n');
  expect(e, 'undefined variable "nope" in task "put"', 'play.yaml:6:15');
});

test('an error in an argument written in flow style points at that argument', async () => {
  const e = await failure('- hosts: all\n  tasks:\n    - name: put\n      copy: { content: hi, dest: "{{ nope }}" }\n');
  expect(e, 'undefined variable "nope" in task "put"', 'play.yaml:4:34');
});

test('an error in a list item of an argument points at that item', async () => {
  const e = await failure('- hosts: all\n  tasks:\n    - name: tools\n      apt:\n        name:\n          - curl\n          - "{{ nope }}"\n');
  expect(e, 'undefined variable "nope" in task "tools"', 'play.yaml:7:13');
});

test('an expression whose {{ never closes is an error at its value, not a literal path', async () => {
  const e = await failure('- hosts: all\n  tasks:\n    - name: make dir\n      file: { path: "/srv/{{ inventory_hostname", state: directory }\n');
  expect(e, 'unclosed {{ in task "make dir": "/srv/{{ inventory_hostname" has no }} after it', 'play.yaml:4:21');
});

test('a template whose src does not exist is an input error at the src', async () => {
  const e = await failure('- hosts: all\n  tasks:\n    - template: { src: nope.ejs, dest: /tmp/x }\n');
  expect(e, 'template "nope.ejs" does not exist: templates/nope.ejs', 'play.yaml:3:24');
  assert.is(e.hint, "a play's templates are read from templates/ next to the playbook, a role's from roles/NAME/templates/");
});

test('a copy whose src does not exist is found before connecting, at the src', async () => {
  const e = await failure('- hosts: all\n  tasks:\n    - copy: { src: nope.txt, dest: "{{ out }}" }\n');
  expect(e, 'file "nope.txt" does not exist: files/nope.txt', 'play.yaml:3:20');
});

test('a role template that does not exist names the role folder it was looked for in', async () => {
  const e = await failure('- hosts: all\n  roles: [app]\n', { 'roles/app/tasks.yaml': '- template:\n    src: app.conf.ejs\n    dest: /tmp/x\n' });
  expect(e, 'template "app.conf.ejs" does not exist: roles/app/templates/app.conf.ejs', 'roles/app/tasks.yaml:2:10');
});

test('a property typo that gives undefined in a value is an error at the value', async () => {
  const e = await failure('- hosts: all\n  vars:\n    db: { host: db1 }\n  tasks:\n    - name: connect\n      command: "psql -h {{ db.hots }}"\n');
  expect(e, 'expression {{ db.hots }} is undefined in task "connect"', 'play.yaml:6:16');
});

test('a property typo inside a template is an error at the template line and tag', async () => {
  const e = await failure('- hosts: all\n  vars:\n    db: { host: db1 }\n  tasks:\n    - template: { src: conf.ejs, dest: /tmp/x }\n', { 'templates/conf.ejs': 'a = 1\nhost = <%= db.hots %>\n' });
  expect(e, 'output <%= db.hots %> is undefined in template', 'templates/conf.ejs:2:8');
});

test('a Jinja filter is refused with the JavaScript idiom', async () => {
  const e = await failure('- hosts: all\n  tasks:\n    - name: greet\n      command: "echo {{ greeting | default(\'hi\') }}"\n');
  expect(e, 'expression {{ greeting | default(\'hi\') }} in task "greet" uses the Jinja filter "| default": bc-play expressions are JavaScript', 'play.yaml:4:16');
  assert.is(e.hint, "write vars.greeting ?? 'hi'");
});

test('a pipe between two variables is refused instead of becoming a bitwise OR', async () => {
  const e = await failure('- hosts: all\n  vars: { a: 1, b: 2 }\n  tasks:\n    - name: or\n      command: "echo {{ a | b }}"\n');
  expect(e, 'expression {{ a | b }} in task "or" uses the Jinja filter "| b": bc-play expressions are JavaScript', 'play.yaml:5:16');
});

test('a Jinja test in when is refused with the JavaScript idiom', async () => {
  const e = await failure('- hosts: all\n  tasks:\n    - name: guarded\n      command: "true"\n      when: greeting is defined\n');
  expect(e, 'expression {{ greeting is defined }} in when of task "guarded" uses the Jinja test "is defined": bc-play expressions are JavaScript', 'play.yaml:5:13');
  assert.is(e.hint, 'write vars.greeting !== undefined');
});

test('a connection variable with a bad value in the inventory names where it is set', async () => {
  const e = await failure('- hosts: all\n  tasks: []\n', {}, 'all:\n  hosts:\n    web1:\n      address: 192.0.2.1\n      ssh_port: twenty-two\n');
  expect(e, 'host "web1": variable "ssh_port" must be an integer from 1 to 65535, got "twenty-two"', 'inventory.yaml:5:17');
});

test('a connection variable set in a group names the group\'s line', async () => {
  const e = await failure('- hosts: all\n  tasks: []\n', {}, 'web:\n  vars:\n    ssh_user: ""\n  hosts:\n    web1: { address: 192.0.2.1 }\n');
  expect(e, 'host "web1": variable "ssh_user" must be a non-empty string, got ""', 'inventory.yaml:3:15');
});

test('how a host is reached comes from the host\'s own variables: a play\'s vars do not change it', async () => {
  const ws = workspace({
    'inventory.yaml': 'all:\n  hosts:\n    web1: { connection: local }\n',
    'play.yaml': '- hosts: web1\n  vars: { connection: ssh, ssh_port: 0 }\n  tasks:\n    - copy: { content: "x\\n", dest: "{{ out }}" }\n',
  });
  try {
    const report = await runEngine({ playbook: ws.path('play.yaml'), inventory: ws.path('inventory.yaml'), settings: { extraVars: { out: ws.path('out') } } });
    assert.is(report.exitCode, 0);
    assert.is(readFileSync(ws.path('out'), 'utf8'), 'x\n');
  } finally {
    ws.remove();
  }
});

test('a variable that reads the same-named variable of another host through hostvars works', async () => {
  const ws = workspace({
    'inventory.yaml': 'all:\n  hosts:\n    web1: { connection: local, url: "{{ hostvars.db1.url }}/web" }\n    db1: { connection: local, db_port: 5432, url: "postgres://db1:{{ db_port }}/app" }\n',
    'play.yaml': '- hosts: web1\n  tasks:\n    - copy: { content: "{{ url }}\\n", dest: "{{ out }}" }\n',
  });
  try {
    const report = await runEngine({ playbook: ws.path('play.yaml'), inventory: ws.path('inventory.yaml'), settings: { extraVars: { out: ws.path('out') } } });
    assert.equal(report.results.filter((r) => r.status !== 'ok').map((r) => [r.task, r.status]), [['copy {{ out }}', 'changed']]);
    assert.is(readFileSync(ws.path('out'), 'utf8'), 'postgres://db1:5432/app/web\n');
  } finally {
    ws.remove();
  }
});

const PORT_ROLE = {
  'roles/pgbouncer/tasks.yaml': '- command: "echo {{ listen_port }}"\n',
  'roles/pgbouncer/defaults.yaml': 'listen_port: 6432\n',
  'roles/pgbouncer/schema.yaml': 'type: object\nproperties:\n  listen_port: { type: integer }\n',
};

test('a role parameter that fails its schema points at the inventory line that set it, not at the role in the playbook', async () => {
  const inventory = 'all:\n  hosts:\n    web1:\n      connection: local\n      listen_port: "64x32"\n';
  const e = await failure('- hosts: all\n  roles: [pgbouncer]\n', PORT_ROLE, inventory);
  expect(e, 'parameters of role pgbouncer on host web1: "listen_port" must be an integer', 'inventory.yaml:5:20');
});

test("a role parameter from the play's vars that fails its schema points at that var", async () => {
  const e = await failure('- hosts: all\n  vars:\n    listen_port: [1]\n  roles: [pgbouncer]\n', PORT_ROLE);
  expect(e, 'parameters of role pgbouncer on host web1: "listen_port" must be an integer', 'play.yaml:3:18');
});

test.run();
