// bench/ansible's templates are the fleet's ejs templates in Jinja2: each one, rendered by bc-play
// and by ansible-core's template module from its role's defaults (roles/ROLE/defaults.yaml, and
// bench/ansible/roles/ROLE/defaults/main.yaml) and the same variables, must give the same bytes,
// or scenario 1 of the benchmark (bc-play finds nothing to change after Ansible's converge) fails
// on the lab. One ansible-playbook run renders every case, one play each.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { renderTemplateFile } from '../../lib/template.js';
import { REPO } from '../support/fleet.js';

interface TemplateCase {
  role: string;
  template: string;
  /** What the case varies, in its test's name. */
  variant?: string;
  vars?: Record<string, unknown>;
}

const SECRETS = { redis_password: 'r3d"is\\pw', pgbackrest_cipher_pass: 'c1pher' };
const PG_MAJOR = { stdout: '17\n' };
const SERVICE = { service_args: ['run'], service_env: {}, service_memory_mb: 150 };

const CASES: TemplateCase[] = [
  { role: 'backup', template: 'bc-backup.conf', variant: 'with the offsite host', vars: { backup_offsite_host: '10.213.0.14' } },
  { role: 'backup', template: 'bc-backup.conf', variant: 'without an offsite host', vars: { backup_offsite_host: '' } },
  { role: 'backup', template: 'bc-backup.service' },
  { role: 'backup', template: 'bc-backup.timer' },
  { role: 'backup', template: 'bc-pgbackrest.conf', vars: { pg_major: PG_MAJOR } },
  { role: 'backup', template: 'bc-pgbackrest.service' },
  { role: 'backup', template: 'bc-pgbackrest.timer' },
  { role: 'backup', template: 'bc-restore-test.service' },
  { role: 'backup', template: 'bc-restore-test.timer' },
  { role: 'backup', template: 'pgbackrest.conf', vars: { pg_major: PG_MAJOR, backup_offsite_host: '10.213.0.14', pgbackrest_cipher_pass: SECRETS.pgbackrest_cipher_pass } },
  { role: 'base', template: 'sshd-hardening.conf' },
  { role: 'base', template: 'sshd-hardening.conf', variant: 'root login off', vars: { ssh_permit_root_login: 'no' } },
  { role: 'fail2ban', template: 'jail.local', variant: 'without the nginx limit_req jail' },
  { role: 'fail2ban', template: 'jail.local', variant: 'with the nginx limit_req jail and admin ranges', vars: { fail2ban_nginx_limit_req: true, admin_cidrs: ['203.0.113.0/24'] } },
  { role: 'nginx', template: 'nginx.conf', variant: 'one app upstream, no Cloudflare ranges', vars: { tenant_domain: 'basecommerce.com.br', tenants: [{ slug: 'demo' }, { slug: 'acme' }] } },
  {
    role: 'nginx',
    template: 'nginx.conf',
    variant: 'two app upstreams behind Cloudflare',
    vars: { tenant_domain: 'basecommerce.com.br', tenants: [{ slug: 'demo' }], nginx_app_addresses: ['10.214.0.12', '10.214.0.13'], cloudflare_ranges: ['173.245.48.0/20', '2400:cb00::/32'] },
  },
  { role: 'node-service', template: 'env', variant: 'values with " and \\ and numbers', vars: { service: 'engines-worker', service_env: { DATABASE_URL: 'postgres://u:p"w\\x@127.0.0.1:5432/db', DB_POOL_OVERFLOW: 1 } } },
  { role: 'node-service', template: 'unit.service', variant: 'a service that binds itself', vars: { ...SERVICE, service: 'outbox-relay' } },
  { role: 'node-service', template: 'unit.service', variant: 'with a socket unit, its own user and program', vars: { ...SERVICE, service: 'auth', service_args: ['serve'], service_listen: '127.0.0.1:8001', service_user: 'www-auth', service_main: 'main.mjs' } },
  {
    role: 'node-service',
    template: 'unit.service',
    variant: 'instances with their environment (" and \\ escaped)',
    vars: { ...SERVICE, service: 'engines-worker', service_instances: 2, service_instance_env: { CONSUMER_NAME: 'infra1-%i', NOTE: 'say "hi" \\o/', SLOTS: 3 } },
  },
  { role: 'node-service', template: 'unit.service', variant: 'one unit: the instance environment is not written', vars: { ...SERVICE, service: 'engines-worker', service_instance_env: { CONSUMER_NAME: 'infra1-%i' } } },
  { role: 'node-service', template: 'unit.socket', vars: { service: 'construction', service_listen: '0.0.0.0:8000' } },
  { role: 'offsite', template: 'bc-offsite.conf' },
  { role: 'postgres', template: 'pg_hba.conf' },
  { role: 'postgres', template: 'reload.conf', vars: { postgres_work_mem: '20MB', postgres_effective_cache_size: '1GB' } },
  { role: 'postgres', template: 'restart.conf', vars: { private_address: '10.214.0.11', postgres_shared_buffers: '512MB' } },
  { role: 'redis', template: 'redis.conf', vars: { private_address: '10.214.0.11' } },
];

/** bc-play's defaults of a role that are plain values (an expression default is given by the case). */
function plainDefaults(role: string): Record<string, unknown> {
  const defaults = (parse(readFileSync(join(REPO, 'roles', role, 'defaults.yaml'), 'utf8')) ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(defaults).filter(([, value]) => !(typeof value === 'string' && value.includes('{{'))));
}

function bcPlay(c: TemplateCase): string {
  const vars = { ...plainDefaults(c.role), ...c.vars, secret: (name: keyof typeof SECRETS) => SECRETS[name] };
  return renderTemplateFile(join(REPO, 'roles', c.role, 'templates', `${c.template}.ejs`), vars);
}

/** Every case through ansible-core's template module at once: the rendered files, in case order. */
function ansible(cases: TemplateCase[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'bc-play-bench-templates-'));
  try {
    const plays = cases.map((c, i) => {
      const defaults = join(REPO, 'bench/ansible/roles', c.role, 'defaults/main.yaml');
      return {
        name: `${c.role}/${c.template} ${i}`,
        hosts: 'localhost',
        gather_facts: false,
        vars_files: existsSync(defaults) ? [defaults] : [],
        tasks: [
          {
            template: { src: join(REPO, 'bench/ansible/roles', c.role, 'templates', `${c.template}.j2`), dest: join(dir, String(i)) },
            // Task vars win over the role defaults in vars_files, as role parameters win over defaults.
            vars: { ...c.vars, secrets: SECRETS },
          },
        ],
      };
    });
    writeFileSync(join(dir, 'play.json'), JSON.stringify(plays));
    const run = spawnSync('ansible-playbook', ['-i', 'localhost,', '-c', 'local', join(dir, 'play.json')], {
      encoding: 'utf8',
      env: { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_RETRY_FILES_ENABLED: '0', ANSIBLE_LOCALHOST_WARNING: '0' },
    });
    if (run.error) throw new Error(`ansible-playbook could not start (${run.error.message}): install Debian's ansible-core`);
    if (run.status !== 0) throw new Error(`ansible-playbook failed (exit ${run.status}):\n${run.stdout}${run.stderr}`);
    return cases.map((_, i) => readFileSync(join(dir, String(i)), 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let rendered: string[] = [];
test.before(() => {
  rendered = ansible(CASES);
});

CASES.forEach((c, i) => {
  test(`${c.role}/${c.template}${c.variant ? ` (${c.variant})` : ''}: Ansible's Jinja2 copy writes the same bytes as bc-play`, () => {
    assert.fixture(rendered[i], bcPlay(c));
  });
});

test('every template of the fleet has a case: a new one cannot be left out of the Ansible copy', () => {
  const templates = new Set(CASES.map((c) => `${c.role}/${c.template}`));
  const listed = readdirSync(join(REPO, 'roles')).flatMap((role) => {
    const dir = join(REPO, 'roles', role, 'templates');
    return existsSync(dir) ? readdirSync(dir).map((file) => `${role}/${file.replace(/\.ejs$/, '')}`) : [];
  });
  const missing = listed.filter((t) => !templates.has(t));
  assert.equal(missing, []);
});

test.run();
