// Names an Ansible user types that bc-play spells differently or does not have, with what to
// write instead: looked up only when a name is unknown, so a message leads to the bc-play way.

/** Ansible's collection prefixes: `ansible.builtin.copy` is bc-play's `copy`. */
const FQCN = /^(ansible\.(builtin|posix|netcommon)|community\.(general|postgresql|crypto))\./;

const LOOPS = 'use loop: (a list, or "{{ expression }}" for a dict: Object.entries(d))';

/** Task keywords of Ansible that bc-play does not take (yet), and the bc-play way. */
const TASK_KEYWORDS: Record<string, string> = {
  with_items: LOOPS,
  with_list: LOOPS,
  with_dict: LOOPS,
  with_together: LOOPS,
  with_nested: LOOPS,
  with_sequence: LOOPS,
  with_fileglob: 'list the files in loop:',
  local_action: 'not in bc-play: a play with hosts: localhost (connection: local)',
  args: 'not in bc-play: give the arguments under the module (command: { cmd: ..., chdir: ... })',
  async: 'not in bc-play: every task runs to its end; forks run hosts in parallel',
  poll: 'not in bc-play: see async',
  diff: 'not per task: --diff on the command line',
  throttle: 'not in bc-play: serial: on the play',
};

/** Play keywords of Ansible that bc-play does not take, and the bc-play way. */
const PLAY_KEYWORDS: Record<string, string> = {
  remote_user: 'the inventory variable ssh_user',
  connection: 'the inventory variable connection (ssh | local)',
  strategy: 'not in bc-play: tasks run in order on all hosts at once (forks), or serial: in batches',
  collections: 'not needed: bc-play has no collections; write module names without a prefix',
  module_defaults: 'not in bc-play: give the arguments in each task',
  vars_prompt: 'not in bc-play: pass values with -e',
  gather_subset: 'not needed: facts are read when a task needs them',
};

/** Ansible modules bc-play does not have under that name, and what to use. */
const MODULES: Record<string, string> = {
  include_vars: 'use vars:, role defaults or -e @file.yaml',
  package: 'use apt',
  apt_key: 'use copy: for the key under /etc/apt/keyrings and a sources file with signed-by=',
  apt_repository: 'use copy: for a file under /etc/apt/sources.list.d, then apt: { update_cache: true }',
  systemd_service: 'use systemd (or service)',
  postgresql_db: 'use postgres_db',
  postgresql_user: 'use postgres_role',
  postgresql_query: 'use command: psql ... with become',
  raw: 'use command or shell',
  script: 'use copy: the script, then command: it',
  git: 'use node_release for the fleet\'s services, or command: git',
  pip: 'command: pip ...',
  timezone: 'file: { src: /usr/share/zoneinfo/ZONE, dest: /etc/localtime, state: link }',
  mount: 'lineinfile for /etc/fstab, then command: mount',
  deb822_repository: 'use copy: for a .sources file under /etc/apt/sources.list.d (Signed-By: a key under /etc/apt/keyrings), then apt: { update_cache: true }',
  reboot: 'no equivalent',
  ping: 'not needed: --syntax-check checks the input; a run reports unreachable hosts',
  setup: 'not needed: facts are read when a task needs them (facts.os.id, facts.arch ...)',
  gather_facts: 'not needed: facts are read when a task needs them',
};

/** Ansible variables and facts, and the bc-play name for each. */
const VARIABLES: Record<string, string> = {
  ansible_host: 'address',
  ansible_ssh_host: 'address',
  ansible_port: 'ssh_port',
  ansible_ssh_port: 'ssh_port',
  ansible_user: 'ssh_user',
  ansible_ssh_user: 'ssh_user',
  ansible_connection: 'connection',
  ansible_ssh_private_key_file: 'ssh_private_key',
  ansible_private_key_file: 'ssh_private_key',
  ansible_hostname: 'facts.hostname',
  ansible_fqdn: 'facts.hostname',
  ansible_nodename: 'facts.hostname',
  ansible_distribution: 'facts.os.id',
  ansible_os_family: 'facts.os.id',
  ansible_distribution_release: 'facts.os.codename',
  ansible_distribution_version: 'facts.os.version_id',
  ansible_distribution_major_version: 'facts.os.version_id',
  ansible_architecture: 'facts.arch',
  ansible_kernel: 'facts.kernel',
  ansible_memtotal_mb: 'facts.memory_mb',
  ansible_processor_vcpus: 'facts.cpus',
  ansible_processor_nproc: 'facts.cpus',
  ansible_all_ipv4_addresses: 'facts.addresses',
  ansible_default_ipv4: 'facts.addresses[0] (an address, not a map)',
  ansible_user_id: 'facts.user',
  ansible_facts: 'facts',
  ansible_play_hosts: 'groups[...] of the play\'s group',
  inventory_hostname_short: 'inventory_hostname.split(\'.\')[0]',
};

/** The inventory variables that say how to reach a host: refused under Ansible's names, never ignored. */
const CONNECTION_VARIABLES = new Set(['address', 'ssh_port', 'ssh_user', 'connection', 'ssh_private_key']);

/** Why: `ansible.builtin.copy` and `community.general.ufw` are bc-play's `copy` and `ufw`: say so. */
export function ansibleModule(name: string, modules: ReadonlySet<string>): { message: string; hint: string } | undefined {
  const short = name.replace(FQCN, '');
  if (short !== name && modules.has(short)) return { message: `unknown module "${name}": bc-play has no collections`, hint: `write ${short}:` };
  const instead = MODULES[short];
  return instead ? { message: `unknown module "${name}": Ansible's ${short} is not in bc-play`, hint: instead } : undefined;
}

/** Why: `with_items:` or `until:` in a task are Ansible keywords, not modules bc-play lacks. */
export function taskKeywordHint(name: string): string | undefined {
  return TASK_KEYWORDS[name];
}

/** Why: `vars_files:` or `remote_user:` on a play say what bc-play does instead. */
export function playKeywordHint(name: string): string | undefined {
  return PLAY_KEYWORDS[name] ?? TASK_KEYWORDS[name];
}

/** Why: `{{ ansible_hostname }}` is `facts.hostname` here; the undefined-variable message says so. */
export function variableHint(name: string): string | undefined {
  const bcPlay = VARIABLES[name];
  return bcPlay ? `${name} is Ansible's name; bc-play's is ${bcPlay}` : undefined;
}

/**
 * Why: an inventory's `ansible_host` would be silently ignored (bc-play connects to the host's
 * name): the bc-play connection variable it stands for, or undefined for any other name.
 */
export function connectionVariableFor(name: string): string | undefined {
  const bcPlay = VARIABLES[name];
  return bcPlay && CONNECTION_VARIABLES.has(bcPlay) ? bcPlay : undefined;
}
