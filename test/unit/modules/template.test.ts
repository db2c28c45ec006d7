import { test } from 'uvu';
import { templateModule } from '../../../lib/modules/template.js';
import { checkPlan } from './support/plan-fixture.js';

const root = { identity: { user: 'root', group: 'root' } };

test('writes the rendered template and validates it before the rename', () => {
  checkPlan(templateModule, {
    name: 'template',
    args: { src: 'nginx.conf.ejs', dest: '/etc/nginx/nginx.conf', validate: 'nginx -t -c %s' },
    files: { 'nginx.conf.ejs': 'hello\n' },
    facts: { ...root, 'file:/etc/nginx/nginx.conf': { exists: false } },
    summaries: ['create /etc/nginx/nginx.conf (6 bytes, mode 0644, owner root:root)'],
    stdin: 'hello\n',
    commands: [['nginx -t -c "$tmp"']],
  });
});

test('reports no change when the rendered text is already there', () => {
  checkPlan(templateModule, {
    name: 'same',
    args: { src: 'motd.ejs', dest: '/etc/motd' },
    files: { 'motd.ejs': 'hello\n' },
    facts: { ...root, 'file:/etc/motd': { exists: true, type: 'file', mode: '0644', owner: 'root', group: 'root', size: 6, sha256: '5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03' } },
    summaries: [],
    reason: '/etc/motd already has the wanted content and mode 0644, owner root:root',
  });
});

test.run();
