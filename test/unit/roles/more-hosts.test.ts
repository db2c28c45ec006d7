// A second vertical or edge host is an inventory change (docs/scaling.md): firewalls admit every
// edge, nginx lists every vertical, the app finds PostgreSQL's primary by postgres_primary_address;
// and a host removed again is forgotten. Rendered from the nginx role's real template and defaults.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { REPO, runOnFleet, type AddedHost } from '../../support/fleet.js';

const PLAYBOOK = `- name: what each vertical's firewall admits, and where its app finds PostgreSQL
  hosts: vertical
  gather_facts: false
  tasks:
    - name: rules
      copy: { content: "{{ ufw_rules.map((r) => r.port + ' from ' + r.from).join('\\\\n') }}", dest: "{{ out }}/{{ inventory_hostname }}.ufw" }
    - name: database host
      copy: { content: "{{ postgres_primary_address }}", dest: "{{ out }}/{{ inventory_hostname }}.db" }
- name: nginx on each edge
  hosts: edge
  gather_facts: false
  roles: [nginx-config]
`;

const NGINX_CONFIG = {
  defaultsOf: 'nginx',
  tasks: `- name: nginx.conf
  template: { src: ${REPO}/roles/nginx/templates/nginx.conf.ejs, dest: "{{ out }}/{{ inventory_hostname }}.nginx.conf" }
`,
};

const EDGE2: AddedHost = { group: 'edge', name: 'edge2', vars: { address: '203.0.113.11', private_address: '10.214.0.21', memory_mb: 1024, vcpus: 1 } };
const VERTICAL2: AddedHost = { group: 'vertical', name: 'vertical2', vars: { address: '203.0.113.21', private_address: '10.214.0.22', memory_mb: 1024, vcpus: 1 } };

async function fleet(added: AddedHost[]) {
  const { report, files } = await runOnFleet({ playbook: PLAYBOOK, roles: { 'nginx-config': NGINX_CONFIG }, added });
  assert.is(report.exitCode, 0);
  const upstreams = (host: string) => [...(files[`${host}.nginx.conf`] ?? '').matchAll(/^\s+server (10\.[0-9.]+:8000) max_fails=3 fail_timeout=10s;$/gm)].map((m) => m[1]);
  return { files, upstreams };
}

test('as the inventory stands: the vertical admits edge1 on 8000 and 8001, nginx lists vertical1, the app connects to infra1', async () => {
  const { files, upstreams } = await fleet([]);
  assert.is(files['vertical1.ufw'], '8000 from 10.214.0.11\n8001 from 10.214.0.11');
  assert.equal(upstreams('edge1'), ['10.214.0.12:8000']);
  assert.is(files['vertical1.db'], '10.214.0.13');
});

test('a second edge host in the inventory is admitted by every vertical and gets the same nginx', async () => {
  const { files } = await fleet([EDGE2, VERTICAL2]);
  for (const vertical of ['vertical1', 'vertical2']) {
    assert.equal(files[`${vertical}.ufw`].split('\n').sort(), ['8000 from 10.214.0.11', '8000 from 10.214.0.21', '8001 from 10.214.0.11', '8001 from 10.214.0.21'], vertical);
    assert.is(files[`${vertical}.db`], '10.214.0.13', vertical);
  }
  assert.is(files['edge2.nginx.conf'], files['edge1.nginx.conf']);
});

test('a second vertical host in the inventory is an upstream server of every edge', async () => {
  const { upstreams } = await fleet([EDGE2, VERTICAL2]);
  assert.equal(upstreams('edge1').sort(), ['10.214.0.12:8000', '10.214.0.22:8000']);
  assert.equal(upstreams('edge2'), upstreams('edge1'));
});

test.run();
