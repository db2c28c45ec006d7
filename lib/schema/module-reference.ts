// docs/modules.md, written from the modules' own schemas: what the engine validates is what the
// reference says (`npm run docs`; a test fails when the committed file differs).
import type { JsonSchema, ModuleDefinition } from '../modules/module.js';

/** Why: a reference shows each module in use; one small task per module, checked against its schema by a test. */
export const MODULE_EXAMPLES: Record<string, string> = {
  apt: 'apt: { name: [nginx, openssl], update_cache: true, cache_valid_time: 3600 }',
  assert: 'assert: { that: ["{{ facts.memory_mb >= 1024 }}"], msg: "this role needs 1 GB of memory" }',
  authorized_key: 'authorized_key: { user: deploy, key: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGJ0ZXN0a2V5 deploy@laptop" }',
  blockinfile: 'blockinfile: { path: /etc/hosts, block: "10.0.0.5 db.internal\\n" }',
  command: 'command: pg_isready -q\n  changed_when: false',
  copy: 'copy: { content: "vm.swappiness = 10\\n", dest: /etc/sysctl.d/60-swap.conf, mode: "0644" }',
  fetch: 'fetch: { src: /var/log/app/error.log, dest: logs/ }',
  file: 'file: { path: /srv/app, state: directory, owner: deploy, mode: "0755" }',
  find: 'find: { paths: /var/backups, patterns: "*.tar.gz", age: 4w }\n  register: old',
  get_url: 'get_url: { url: "https://example.org/tool.tar.gz", dest: /opt/tool.tar.gz, checksum: "sha256:{{ tool_sha256 }}", mode: "0644" }',
  group: 'group: { name: app, system: true }',
  lineinfile: 'lineinfile: { path: /etc/ssh/sshd_config, regexp: "^#?PasswordAuthentication", line: "PasswordAuthentication no" }',
  node_release: 'node_release: { root: /srv/api, src: build/api }',
  postgres_db: 'postgres_db: { name: shop, owner: shop }',
  postgres_role: 'postgres_role: { name: shop, password: "{{ secret(\'shop_db\') }}" }',
  release_pending: 'release_pending: { service: api, root: /srv/api, src: build/api }',
  service: 'service: { name: nginx, state: started, enabled: true }',
  shell: 'shell: { cmd: "nginx -t && systemctl reload nginx" }',
  ssh_key: 'ssh_key: { secret: "{{ secret(\'backup_key\') }}", private_key: /root/.ssh/backup }',
  sysctl: 'sysctl: { name: net.core.somaxconn, value: "1024" }',
  systemd: 'systemd: { name: api, state: restarted, daemon_reload: true }',
  template: 'template: { src: nginx.conf.ejs, dest: /etc/nginx/nginx.conf, validate: "nginx -t -c %s" }',
  ufw: 'ufw: { rules: [{ port: 22 }, { port: 443 }] }',
  unarchive: 'unarchive: { src: /opt/tool-1.2.tar.gz, dest: /opt/tool, remote_src: true }',
  uri: 'uri: { url: "http://127.0.0.1:8000/api/nodes", method: POST, body: { name: "{{ inventory_hostname }}" }, body_format: json, status_code: [200, 201] }\n  register: node',
  user: 'user: { name: deploy, shell: /bin/bash, groups: [sudo] }',
  wait_for: 'wait_for: { url: "http://127.0.0.1:8000/health", timeout: 30 }',
};

/** Why: the one text of docs/modules.md, so the script and the staleness test cannot disagree. */
export function moduleReference(modules: Iterable<ModuleDefinition<never>>): string {
  const sorted = [...modules].sort((a, b) => (a.name < b.name ? -1 : 1));
  const lines = [
    '# Module reference',
    '',
    '<!-- Generated from the modules\' schemas by `npm run docs`; do not edit. A unit test fails when it is stale. -->',
    '',
    'Every module is a pure planner: from its arguments and the facts it reads it returns the changes it',
    'would make; `--check` reports them without running them. Arguments are checked against these',
    'schemas before any host is contacted; a value may be a `{{ expression }}` wherever a type is given.',
    '',
    sorted.map((m) => `[${m.name}](#${m.name})`).join(' · '),
  ];
  for (const m of sorted) lines.push('', ...moduleSection(m));
  return `${lines.join('\n')}\n`;
}

function moduleSection(m: ModuleDefinition<never>): string[] {
  const schema = m.schema;
  const props = properties(schema);
  const required = new Set(requiredOf(schema));
  const lines = [`## ${m.name}`, '', m.description, ''];
  if (Object.keys(props).length) {
    lines.push('| argument | type | default | description |', '|---|---|---|---|');
    for (const [name, p] of Object.entries(props)) {
      const label = required.has(name) ? `**${name}** (required)` : name;
      const def = p.default === undefined ? '' : `\`${JSON.stringify(p.default)}\``;
      lines.push(`| ${label} | ${cell(typeOf(p))} | ${def} | ${cell(String(p.description ?? ''))} |`);
    }
  }
  const choices = alternatives(schema);
  if (choices) lines.push('', choices);
  if (m.name === 'command' || m.name === 'shell') lines.push('', `Also written as a string: \`${m.name}: echo hello\`.`);
  const example = MODULE_EXAMPLES[m.name];
  if (example) lines.push('', '```yaml', `- ${example}`, '```');
  return lines;
}

function properties(schema: JsonSchema): Record<string, JsonSchema> {
  return (schema.properties ?? {}) as Record<string, JsonSchema>;
}

function requiredOf(schema: JsonSchema): string[] {
  return (schema.required ?? []) as string[];
}

/** "Give exactly one of: argv, cmd": the top-level oneOf/anyOf of required keys, in words. */
function alternatives(schema: JsonSchema): string | undefined {
  for (const [key, words] of [['oneOf', 'exactly one of'], ['anyOf', 'at least one of']] as const) {
    const list = schema[key] as JsonSchema[] | undefined;
    const names = list?.map((s) => requiredOf(s)).filter((r) => r.length === 1).map(([r]) => `\`${r}\``);
    if (names?.length && names.length === list?.length) return `Give ${words}: ${names.join(', ')}.`;
  }
  return undefined;
}

function typeOf(p: JsonSchema): string {
  if (Array.isArray(p.enum)) return p.enum.map((v) => `\`${String(v)}\``).join(' | ');
  if (p.const !== undefined) return `\`${String(p.const)}\``;
  const variants = (p.anyOf ?? p.oneOf) as JsonSchema[] | undefined;
  if (variants) return [...new Set(variants.map(typeOf))].join(' or ');
  const type = [p.type].flat().filter(Boolean).map(String);
  if (type.includes('array') && p.items) return `list of ${typeOf(p.items as JsonSchema)}`;
  return type.join(' or ') || 'any';
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
