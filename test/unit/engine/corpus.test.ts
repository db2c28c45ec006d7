// The read-ahead oracle on the local connection: every corpus case gives the same statuses,
// files, changes and --check predictions with facts read ahead and with each task reading its own.
import { test } from 'uvu';
import { CORPUS } from '../../support/corpus/index.js';
import { assertCase, runCorpus } from '../../support/corpus/runner.js';

const results = runCorpus(CORPUS, 'connection: local');

for (const c of CORPUS) {
  test(`${c.name} (read-ahead on and off agree, local)`, async () => {
    assertCase(c, await results.get(c)!);
  });
}

test.run();
