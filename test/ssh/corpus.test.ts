// The read-ahead oracle over SSH: every corpus case gives the same statuses, files, changes and
// --check predictions with facts read ahead and without, through a real sshd on loopback.
import { test } from 'uvu';
import { CORPUS } from '../support/corpus/index.js';
import { assertCase, runCorpus, type WayRecord } from '../support/corpus/runner.js';
import { startSshd, type SshdFixture } from '../support/sshd.js';

let sshd: SshdFixture;
let results: Map<(typeof CORPUS)[number], Promise<{ on: WayRecord; off: WayRecord }>>;

test.before(async () => {
  sshd = await startSshd();
  results = runCorpus(CORPUS, `address: 127.0.0.1, ssh_port: ${sshd.port}, ssh_user: root, ssh_private_key: ${sshd.privateKey}, ssh_known_hosts: ${sshd.knownHosts}`);
});

test.after(async () => {
  await Promise.allSettled(results.values());
  await sshd.stop();
});

for (const c of CORPUS) {
  test(`${c.name} (read-ahead on and off agree, over SSH)`, async () => {
    assertCase(c, await results.get(c)!);
  });
}

test.run();
