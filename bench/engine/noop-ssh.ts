// Benchmark: a playbook of 50 tasks with nothing to change, over real SSH to loopback.
// Rerun: `npm run build && node dist/bench/engine/noop-ssh.js [runs]` (root: it starts an sshd).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSshd } from '../../test/support/sshd.js';
import { workspace } from '../../test/support/engine.js';
import { median } from '../measure.js';

const TASKS = 50;

/** Why: the same mix of modules a role uses, so the number reflects real per-task cost. */
function playbook(): string {
  const tasks: string[] = [];
  for (let i = 0; i < TASKS; i++) {
    switch (i % 5) {
      case 0:
        tasks.push(`    - file: { path: "{{ root }}/d${i}", state: directory, mode: "0755" }`);
        break;
      case 1:
        tasks.push(`    - copy: { content: "value ${i}\\n", dest: "{{ root }}/c${i}.conf", mode: "0644" }`);
        break;
      case 2:
        tasks.push(`    - template: { src: t.ejs, dest: "{{ root }}/t${i}.conf" }`);
        break;
      case 3:
        tasks.push(`    - lineinfile: { path: "{{ root }}/l${i}.conf", line: "key = ${i}", create: true }`);
        break;
      default:
        tasks.push(`    - shell: { cmd: "touch {{ root }}/s${i}", creates: "{{ root }}/s${i}" }`);
    }
  }
  return `- name: ${TASKS} no-op tasks\n  hosts: all\n  tasks:\n${tasks.join('\n')}\n`;
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 7);
  const sshd = await startSshd();
  const ws = workspace({ 'play.yaml': playbook(), 'templates/t.ejs': 'host = <%= inventory_hostname %>\n' });
  try {
    ws.write({
      'inventory.yaml': `all:\n  hosts:\n    loop: { address: 127.0.0.1, ssh_port: ${sshd.port}, ssh_private_key: ${sshd.privateKey}, ssh_known_hosts: ${sshd.knownHosts} }\n`,
    });
    const cli = join(process.cwd(), 'bin/bc-play.js');
    const args = [cli, ws.path('play.yaml'), '-i', ws.path('inventory.yaml'), '-e', `root=${ws.path('files')}`, '--json'];
    execFileSync(process.execPath, args, { stdio: 'ignore' });
    const times: number[] = [];
    let changed = -1;
    for (let i = 0; i < runs; i++) {
      const started = process.hrtime.bigint();
      const out = execFileSync(process.execPath, args, { encoding: 'utf8' });
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
      const end = JSON.parse(out.trim().split('\n').pop()!) as { recap: Record<string, { changed: number }> };
      changed = end.recap.loop.changed;
    }
    const wall = median(times);
    const node = Number(execFileSync(process.execPath, ['-e', 'const t=process.hrtime.bigint();import("' + cli.replace('bin/bc-play.js', 'dist/lib/cli/main.js') + '").then(()=>console.log(Number(process.hrtime.bigint()-t)/1e6))'], { encoding: 'utf8' }).trim());
    const lines = [
      '# No-op run of 50 tasks over SSH (loopback)',
      '',
      `Written by \`node dist/bench/engine/noop-ssh.js\` on ${new Date().toISOString().slice(0, 10)}, ${runs} runs, median.`,
      '',
      '| measure | value |',
      '|---|---|',
      `| wall time of \`bc-play\` (process start to exit) | ${wall.toFixed(0)} ms |`,
      `| of which loading the CLI's modules | ${node.toFixed(0)} ms |`,
      `| per task (wall / ${TASKS}) | ${(wall / TASKS).toFixed(1)} ms |`,
      `| changes reported by the no-op runs | ${changed} |`,
      `| SSH connections per run | 1 |`,
      '',
    ];
    writeFileSync(join(process.cwd(), 'bench/RESULTS-engine.md'), lines.join('\n'));
    process.stdout.write(lines.join('\n'));
  } finally {
    ws.remove();
    await sshd.stop();
  }
}

await main();
