// Scenario "a processing backlog" of docs/scaling.md in the lab, on a running fleet: the figures
// engine 1 → 2 workers and a second engine (activity, its own consumer group) added in one
// inventory change. --check --diff predicts what the converge changes (and names the unit file
// removals it cannot), the instances and the second engine consume, a rerun changes nothing, and
// going back stops and removes what left. The takeover of a dead worker's entries is shown with
// real processes in services/test/worker-takeover.test.ts.
// Needs root and the lab to itself (test/support/lab-session.ts); takes down only the lab it started.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { changedTasks, onHost, play, unpredictedTasks as unpredicted, waitOnHost, type Run } from '../support/lab-fleet.js';
import { labSession } from '../support/lab-session.js';

const CLI = 'bin/bc-play.js';
const dir = mkdtempSync(join(tmpdir(), 'bc-play-workers-'));
const GROWN = join(dir, 'inventory-2-figures-activity.yaml');
const ONE = '\n      - { name: figures, workers: 1 }\n';
const original = readFileSync('inventory.yaml', 'utf8');
const grown = original.replace(ONE, '\n      - { name: figures, workers: 2 }\n      - { name: activity, workers: 1 }\n');
const pairs = (run: Run): string[] => [...new Set(changedTasks(run))].sort();
const psql = (sql: string) => onHost('infra1', `runuser -u postgres -- psql -d basecommerce -Atc "${sql}"`).out;

const session = labSession('the engines workers e2e suite');

test.before(async () => {
  await session.claim();
  assert.is.not(grown, original, `${ONE.trim()} found in inventory.yaml`);
  writeFileSync(GROWN, grown);
  execFileSync('node', [CLI, 'lab', 'up', '-i', 'inventory.yaml'], { stdio: 'inherit' });
  const first = play(['site']);
  assert.is(first.code, 0, first.output.slice(-4000));
  assert.is(onHost('infra1', 'systemctl is-active bc-engines-worker').out, 'active');
  // projects through the edge, so the stream holds events the new engine will read
  const post = `for i in 1 2 3 4 5; do curl -s -o /dev/null -w '%{http_code} ' -H 'Host: demo.basecommerce.com.br' -H 'Content-Type: application/json' -d "{\\"name\\":\\"backlog $i\\",\\"status\\":\\"active\\",\\"budgetCents\\":1000}" http://127.0.0.1/api/projects; done`;
  assert.is(onHost('edge1', post).out, '201 201 201 201 201');
});

test.after(async () => {
  const started = Date.now();
  await session.release();
  console.error(`lab down after the converges: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  rmSync(dir, { recursive: true, force: true });
});

let predicted: string[] = [];
let notPredicted: string[] = [];

test('growing the engines, --check --diff predicts the figures instances and the activity engine, on infra1 only', () => {
  const check = play(['site', '-i', GROWN, '--check', '--diff']);
  assert.is(check.code, 3, check.output.slice(-4000));
  predicted = pairs(check);
  notPredicted = unpredicted(check);
  console.error(`predicted: ${predicted.join('; ')}\nnot predicted: ${notPredicted.join('; ') || 'none'}`);
  assert.ok(predicted.length > 0 && [...predicted, ...notPredicted].every((p) => p.startsWith('infra1 | ')), predicted.join('\n'));
  assert.ok(predicted.includes('infra1 | stop and disable the single unit, the instances replace it'), predicted.join('\n'));
  // systemctl disable may remove links in /etc/systemd/system, so a unit file's removal after it
  // is named, not predicted (lib/facts/systemd.ts: a unit's facts are about its files too)
  assert.equal(notPredicted, ['infra1 | remove the single unit']);
});

test('the converge makes those changes; both figures instances and the activity worker consume', () => {
  const run = play(['site', '-i', GROWN]);
  console.error(`grow converge: ${run.seconds.toFixed(1)} s`);
  assert.is(run.code, 0, run.output.slice(-4000));
  const made = pairs(run);
  assert.equal(made.filter((p) => !predicted.includes(p)).filter((p) => !notPredicted.includes(p)), [], 'changed without being predicted or named');
  assert.equal(predicted.filter((p) => !made.includes(p)), [], 'predicted and not changed');
  assert.is(onHost('infra1', 'systemctl is-active bc-engines-worker@1 bc-engines-worker@2 bc-engines-worker-activity').out, 'active\nactive\nactive');
  assert.is(onHost('infra1', 'systemctl is-active bc-engines-worker').out, 'inactive');
  // the single activity unit's consumer is named HOST-PID (no instance number)
  const status = waitOnHost('infra1', "bc-engines-worker status > /tmp/status && grep -q '^  infra1-2: ' /tmp/status && grep -Eq '^group activity: lag 0, pending 0, [1-9]' /tmp/status && cat /tmp/status");
  console.error(status);
  assert.match(status, /^group engines: lag 0, pending 0, /m);
  assert.match(status, /^  infra1-1: pending 0, /m);
  // every event the stream held reached the new engine: its days count every project created
  const created = Number(psql('SELECT count(*) FROM projects'));
  assert.ok(created >= 5, `${created} projects`);
  const counted = waitOnHost('infra1', `test "$(runuser -u postgres -- psql -d basecommerce -Atc 'SELECT coalesce(sum(projects_created), 0) FROM tenant_activity')" = ${created} && echo ${created}`);
  assert.is(Number(counted), created);
});

test('a rerun with the grown engines changes nothing', () => {
  const again = play(['site', '-i', GROWN]);
  assert.is(again.code, 0, again.output.slice(-3000));
  assert.equal(pairs(again), []);
});

test('going back stops the figures instances and removes their template and the activity engine, then a rerun changes nothing', () => {
  const check = play(['site', '--check', '--diff']);
  assert.equal(unpredicted(check), ['infra1 | remove its unit files, env file and admin command', "infra1 | remove the template unit of an earlier deploy's instances"]);
  const back = play(['site']);
  console.error(`back converge: ${back.seconds.toFixed(1)} s; not predicted: ${unpredicted(check).join('; ') || 'none'}`);
  assert.is(back.code, 0, back.output.slice(-4000));
  const made = pairs(back);
  assert.equal(made.filter((p) => !pairs(check).includes(p) && !unpredicted(check).includes(p)), [], 'changed without being predicted or named');
  assert.equal(pairs(check).filter((p) => !made.includes(p)), [], 'predicted and not changed');
  assert.ok(made.includes('infra1 | stop and disable the instances beyond service_instances'), made.join('\n'));
  assert.is(onHost('infra1', 'systemctl is-active bc-engines-worker@1 bc-engines-worker@2; systemctl is-enabled bc-engines-worker@1 bc-engines-worker@2; systemctl is-active bc-engines-worker').out, 'inactive\ninactive\nnot-found\nnot-found\nactive');
  assert.is(onHost('infra1', 'systemctl is-active bc-engines-worker-activity; ls /etc/systemd/system | grep -c activity; test -e /etc/bc/engines-worker-activity.env && echo env left || echo env gone').out, 'inactive\n0\nenv gone');
  assert.equal(pairs(play(['site'])), []);
});

test.run();
