import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { MODULES } from '../../../lib/modules/registry.js';
import { MODULE_EXAMPLES, moduleReference } from '../../../lib/schema/module-reference.js';
import { normalizeTask } from '../../../lib/playbook/tasks.js';
import { singleModuleTaskSchema } from '../../../lib/playbook/schema.js';
import { parseYaml } from '../../../lib/yaml/load.js';

test('docs/modules.md is the reference the module schemas give (npm run docs writes it)', () => {
  const committed = readFileSync('docs/modules.md', 'utf8');
  assert.ok(committed === moduleReference(MODULES.values()), 'docs/modules.md is stale: run npm run docs');
});

test('the reference lists every module with its arguments, types and defaults', () => {
  const text = moduleReference(MODULES.values());
  for (const name of MODULES.keys()) assert.ok(text.includes(`\n## ${name}\n`), name);
  assert.ok(text.includes('| state | `present` \\| `absent` \\| `latest` | `"present"` | present: installed (any version); latest: the candidate version; absent: removed. |'));
  assert.ok(text.includes('Give exactly one of: `port`, `url`.'));
});

test('every example in the reference is a valid task of its module', () => {
  for (const [name, example] of Object.entries(MODULE_EXAMPLES)) {
    const module = MODULES.get(name);
    assert.ok(module, `an example for a module that does not exist: ${name}`);
    const yaml = parseYaml(`- ${example}`, `example of ${name}`);
    normalizeTask((yaml.data as unknown[])[0], { yaml, path: [0] }, { tags: [], handler: false }, new Set(MODULES.keys()), (m) => singleModuleTaskSchema(MODULES.get(m)));
  }
});

test.run();
