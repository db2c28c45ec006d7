// The README and docs/ link to files that exist in the repository: a newcomer following a link
// finds the page, in any clone.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const DOCS = ['README.md', ...readdirSync('docs').filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

for (const doc of DOCS) {
  test(`every relative link in ${doc} names a file or folder that exists`, () => {
    const text = readFileSync(doc, 'utf8').replace(/```[\s\S]*?```/g, '');
    const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((t) => !/^(https?:|mailto:|#)/.test(t));
    const missing = targets.filter((t) => !existsSync(join(dirname(doc), t.split('#')[0])));
    assert.equal(missing, [], `${doc} links to missing files`);
    // a link out of the repository works only in one checkout's surroundings, never in a clone
    const outside = targets.filter((t) => relative(process.cwd(), resolve(dirname(doc), t.split('#')[0])).startsWith('..'));
    assert.equal(outside, [], `${doc} links outside the repository`);
  });
}

test.run();
