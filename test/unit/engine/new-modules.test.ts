// debug, fail, set_fact and stat as Ansible users write them, over the local connection. Each test
// notes what `ansible-playbook -i localhost, -c local` (ansible-core 2.14) does with the same tasks.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { runEngine, workspace } from '../../support/engine.js';

const INVENTORY = 'all:\n  hosts:\n    web1: { connection: local }\n';

async function play(body: string, settings = {}) {
  const ws = workspace({ 'inventory.yaml': INVENTORY, 'play.yaml': body, 'exists.txt': 'abc' });
  try {
    const report = await runEngine({ playbook: ws.path('play.yaml'), inventory: ws.path('inventory.yaml'), settings: { extraVars: { root: ws.dir }, ...settings } });
    const read = (name: string) => readFileSync(ws.path(name), 'utf8');
    return { report, out: (() => { try { return read('out'); } catch { return undefined; } })() };
  } finally {
    ws.remove();
  }
}

test('debug shows msg, or a variable by its bare name, at every verbosity and changes nothing', async () => {
  // ansible-playbook: ok: [localhost] => { "msg": "port 80" } and => { "port": 80 }
  const { report } = await play(`- hosts: web1
  gather_facts: false
  vars: { port: 80 }
  tasks:
    - debug: { msg: "port {{ port }}" }
    - debug: { var: port }
    - debug: {}
`);
  assert.equal(report.results.map((r) => [r.status, r.shown]), [['ok', 'port 80'], ['ok', '80'], ['ok', 'Hello world!']]);
  assert.is(report.recap.web1.changed, 0);
});

test('set_fact gives later tasks and later plays a variable; check mode sets it too', async () => {
  // ansible-playbook: set_fact in play 1 is seen in play 2 on the same host; --check runs set_fact.
  const body = `- hosts: web1
  gather_facts: false
  tasks:
    - set_fact: { greeting: "hello {{ inventory_hostname }}" }
- hosts: web1
  gather_facts: false
  tasks:
    - copy: { content: "{{ greeting }}", dest: "{{ root }}/out" }
    - debug: { var: greeting }
`;
  const real = await play(body);
  assert.is(real.out, 'hello web1');
  const check = await play(body, { check: true });
  assert.is(check.report.results.at(-1)?.shown, 'hello web1');
});

test('fail stops the host with its message; under a false when it is skipped', async () => {
  // ansible-playbook: fatal: [localhost]: FAILED! => {"msg": "no port"}; exit code 2.
  const { report } = await play(`- hosts: web1
  gather_facts: false
  tasks:
    - fail: { msg: "never" }
      when: false
    - fail: { msg: "no port" }
    - debug: { msg: unreachable }
`);
  assert.equal(report.results.map((r) => r.status), ['skipped', 'failed']);
  assert.match(report.results[1].message ?? '', /no port/);
  assert.is(report.exitCode, 2);
});

test('stat registers what a path is with Ansible\'s names', async () => {
  // ansible-playbook: st.stat.exists true, isreg true, size 3, mode "0644"; missing path: exists false.
  const { out } = await play(`- hosts: web1
  gather_facts: false
  tasks:
    - stat: { path: "{{ root }}/exists.txt" }
      register: st
    - stat: { path: "{{ root }}/missing" }
      register: none
    - copy:
        dest: "{{ root }}/out"
        content: "{{ [st.stat.exists, st.stat.isreg, st.stat.isdir, st.stat.size, none.stat.exists].join(',') }}"
      when: st.stat.exists
`);
  assert.is(out, 'true,true,false,3,false');
});

test.run();
