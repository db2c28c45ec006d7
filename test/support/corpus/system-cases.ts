// Corpus cases over the modules that read the system: apt, sysctl, wait_for, assert.
import { readFileSync } from 'node:fs';
import { tasks, type CorpusCase } from './case.js';

const SOMAXCONN = () => readFileSync('/proc/sys/net/core/somaxconn', 'utf8').trim();

/**
 * Why: these modules read facts of their own kind (packages, kernel values, ports); the cases
 * keep the host as it is (an installed package, a kernel value set to what it already is).
 * service/systemd, ufw, postgres_* and node_release need a running systemd or a database: they
 * are covered by the lab's e2e suites, not here.
 */
export const SYSTEM_CASES: CorpusCase[] = [
  {
    name: 'an installed package is present and nothing is installed',
    playbook: tasks(`
- apt: { name: bash }
- apt: { name: [bash, coreutils], state: present }
`),
    check: 'ok ok',
    run: 'ok ok',
  },
  {
    name: 'after a command check mode does not run (an apt-get update, for all it knows) an install apt has no candidate for is not predictable there',
    playbook: tasks(`
- shell: "echo listed > {{ root }}/listed"
- apt: { name: bash }
- apt: { name: bcplay-no-such-package }
`),
    check: 'changed ok skipped',
    run: 'changed ok failed',
    rerun: 'changed ok failed',
    files: { listed: 'listed\n' },
    bug: 'check mode predicted the failure (or warned of missing lists) that a command it did not run, apt-get update, would have prevented',
  },
  {
    name: 'a kernel value written to a sysctl file at its live value changes the file only, and a line edit of that file sees it',
    vars: () => ({ somaxconn: SOMAXCONN() }),
    playbook: tasks(`
- sysctl: { name: net.core.somaxconn, value: "{{ somaxconn }}", sysctl_file: "{{ root }}/99-test.conf" }
- lineinfile: { path: "{{ root }}/99-test.conf", line: "net.core.somaxconn = {{ somaxconn }}" }
`),
    check: 'changed ok',
    run: 'changed ok',
  },
  {
    name: 'waiting for a port nobody listens on to be stopped returns at once',
    playbook: tasks(`
- wait_for: { port: 9, state: stopped, timeout: 5 }
- copy: { content: "waited\\n", dest: "{{ root }}/waited" }
`),
    check: 'ok changed',
    run: 'ok changed',
  },
  {
    name: 'an assert on variables holds and changes nothing',
    playbook: tasks(`
- assert: { that: "{{ root.length > 1 }}", msg: "root is set" }
- file: { path: "{{ root }}", state: directory }
`),
    check: 'ok ok',
    run: 'ok ok',
  },
  {
    name: 'a failed assert stops the host before a later task',
    playbook: tasks(`
- assert: { that: "{{ root == 'nowhere' }}", msg: "root is elsewhere" }
- copy: { content: "x\\n", dest: "{{ root }}/never" }
`),
    check: 'failed',
    run: 'failed',
    files: { never: null },
  },
];
