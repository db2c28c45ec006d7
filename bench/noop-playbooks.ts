// The playbooks of scenarios 2 and 4: N tasks that change nothing once converged, written twice,
// for bc-play and for Ansible, task for task. Each host works in its own directory under `root`.

export type NoopKind = 'file' | 'copy' | 'template' | 'lineinfile' | 'apt';

/** A package every Debian host (loopback or lab) already has, so `present` is a no-op. */
const PACKAGE = 'openssh-server';

export const TEMPLATE_EJS = 'host = <%= inventory_hostname %>\nroot = <%= root %>\n';
export const TEMPLATE_J2 = 'host = {{ inventory_hostname }}\nroot = {{ root }}\n';

/**
 * Why: the issue's mix (file, template, service, apt present) plus copy, with lineinfile in the
 * place of service: the loopback hosts have no systemd. The first task makes the host's directory
 * the others write into.
 */
export function noopMix(count: number): NoopKind[] {
  const cycle: NoopKind[] = ['file', 'copy', 'template', 'lineinfile', 'apt'];
  return Array.from({ length: count }, (_, i) => cycle[i % cycle.length]);
}

const DIR = '{{ root }}/{{ inventory_hostname }}';

function args(kind: NoopKind, i: number, tool: 'bc-play' | 'ansible'): string {
  switch (kind) {
    case 'file':
      return `{ path: "${DIR}${i === 0 ? '' : `/d${i}`}", state: directory, mode: "0755" }`;
    case 'copy':
      return `{ content: "value ${i}\\n", dest: "${DIR}/c${i}.conf", mode: "0644" }`;
    case 'template':
      return `{ src: ${tool === 'bc-play' ? 't.ejs' : 't.j2'}, dest: "${DIR}/t${i}.conf", mode: "0644" }`;
    case 'lineinfile':
      return `{ path: "${DIR}/l${i}.conf", line: "key = ${i}", create: true, mode: "0644" }`;
    case 'apt':
      return `{ name: ${PACKAGE}, state: present }`;
  }
}

/** Ansible's module names, fully qualified. */
const ANSIBLE_MODULE: Record<NoopKind, string> = {
  file: 'ansible.builtin.file',
  copy: 'ansible.builtin.copy',
  template: 'ansible.builtin.template',
  lineinfile: 'ansible.builtin.lineinfile',
  apt: 'ansible.builtin.apt',
};

/** Why: the two files of one scenario come from one list, so they cannot drift apart. */
export function noopPlaybook(kinds: NoopKind[], tool: 'bc-play' | 'ansible'): string {
  const tasks = kinds.map((kind, i) => {
    const module = tool === 'bc-play' ? kind : ANSIBLE_MODULE[kind];
    return `    - name: ${kind} ${i}\n      ${module}: ${args(kind, i, tool)}`;
  });
  return `- name: ${kinds.length} no-op tasks\n  hosts: all\n  gather_facts: false\n  tasks:\n${tasks.join('\n')}\n`;
}
