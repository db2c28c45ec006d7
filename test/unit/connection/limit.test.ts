import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Limiter } from '../../../lib/connection/limit.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 2));

test('runs at most max tasks at once and all of them in the end', async () => {
  const limiter = new Limiter(3);
  let running = 0;
  let peak = 0;
  const results = await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      limiter.run(async () => {
        running += 1;
        peak = Math.max(peak, running);
        await tick();
        running -= 1;
        return i;
      }),
    ),
  );
  assert.is(peak, 3);
  assert.equal(results, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
});

test('a failing task frees its slot for the next one', async () => {
  const limiter = new Limiter(1);
  const failed = limiter.run(async () => {
    throw new Error('boom');
  });
  const next = limiter.run(async () => 'ran');
  const error = await failed.then(() => undefined, (e: Error) => e);
  assert.is(error?.message, 'boom');
  assert.is(await next, 'ran');
});

test.run();
