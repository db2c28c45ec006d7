import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { EngineEvent } from '../../../lib/engine/events.js';
import { JsonReporter } from '../../../lib/cli/reporter-json.js';

test('writes each event as one line of JSON, in order', () => {
  const written: string[] = [];
  const reporter = new JsonReporter({ write: (t: string) => written.push(t) });
  const events: EngineEvent[] = [
    { type: 'play-start', name: 'web', hosts: ['web1'] },
    { type: 'warning', message: 'two\nlines' },
    { type: 'run-end', recap: { web1: { ok: 1, changed: 0, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 0 } }, durationMs: 5, check: true, exitCode: 0 },
  ];
  for (const event of events) reporter.emit(event);
  assert.is(written.length, 3);
  assert.ok(written.every((line) => line.endsWith('\n') && !line.slice(0, -1).includes('\n')));
  assert.equal(written.map((line) => JSON.parse(line)), events);
  assert.is(written[1], '{"type":"warning","message":"two\\nlines"}\n');
});

test.run();
