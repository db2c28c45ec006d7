import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fileContent, fileStat, identity, parseFileContent, parseFileStat, parsePathState, predictWrittenFile } from '../../../lib/facts/files.js';

// Outputs captured from the fileStat command on Debian 12 (GNU coreutils 9.1).
const statCases: [string, string, unknown][] = [
  [
    'reads a regular file with its size and content hash',
    'stat|regular file|644|root|root|0|0|6\n5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03  -\n',
    { exists: true, type: 'file', mode: '0644', owner: 'root', group: 'root', size: 6, sha256: '5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03' },
  ],
  [
    'reads an empty setuid file with four mode digits',
    'stat|regular empty file|4755|root|root|0|0|0\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  -\n',
    { exists: true, type: 'file', mode: '4755', owner: 'root', group: 'root', size: 0, sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
  ],
  ['reads a directory without size', 'stat|directory|755|www-data|adm|33|4|4096\n', { exists: true, type: 'directory', mode: '0755', owner: 'www-data', group: 'adm' }],
  ['reads a link with its target', 'stat|symbolic link|777|root|root|0|0|1\nf\n', { exists: true, type: 'link', mode: '0777', owner: 'root', group: 'root', target: 'f' }],
  ['reads a missing path as not existing', 'missing\n', { exists: false }],
  ['falls back to numeric ids when the names are unknown', 'stat|directory|700|UNKNOWN|UNKNOWN|1234|5678|4096\n', { exists: true, type: 'directory', mode: '0700', owner: '1234', group: '5678' }],
  ['reads sockets and devices as other', 'stat|character special file|666|root|root|0|0|0\n', { exists: true, type: 'other', mode: '0666', owner: 'root', group: 'root' }],
];

for (const [name, stdout, expected] of statCases) {
  test(`fileStat ${name}`, () => assert.equal(parseFileStat('/x', stdout, 0), expected));
}

test('fileStat fails with the path when stat itself failed', () => {
  assert.throws(() => parseFileStat('/root/x', "stat: cannot statx '/root/x': Permission denied\n", 1), /cannot read the state of \/root\/x \(exit code 1\)/);
});

test('fileStat quotes the path and keys the fact by it', () => {
  const spec = fileStat("/etc/it's here");
  assert.is(spec.key, "file:/etc/it's here");
  assert.ok(spec.command.includes(`'/etc/it'\\''s here'`));
});

const contentCases: [string, string, unknown][] = [
  ['keeps the text exactly, trailing newline included', 'bc-play:file\na=1\nb=2\n', { exists: true, content: 'a=1\nb=2\n', unread: null }],
  ['reads an empty file as empty text', 'bc-play:file\n', { exists: true, content: '', unread: null }],
  ['reads a missing file as empty and not existing', 'bc-play:missing\n', { exists: false, content: '', unread: null }],
  ['does not read a directory', 'bc-play:other\n', { exists: true, content: '', unread: 'not a regular file' }],
  ['does not read a file over the size limit', 'bc-play:large\n', { exists: true, content: '', unread: 'too large' }],
  ['says which file a symbolic link leads to', 'bc-play:via /srv/target\nbc-play:file\na\n', { exists: true, content: 'a\n', unread: null, via: '/srv/target' }],
];

for (const [name, stdout, expected] of contentCases) {
  test(`fileContent ${name}`, () => assert.equal(parseFileContent('/x', stdout, 0), expected));
}

test('pathExists says which file a symbolic link leads to, and whether that exists', () => {
  assert.equal(parsePathState('yes\n'), { exists: true });
  assert.equal(parsePathState('via /srv/gone\nno\n'), { exists: false, via: '/srv/gone' });
});

test('fileContent fails when cat failed', () => {
  assert.throws(() => parseFileContent('/etc/shadow', 'bc-play:file\n', 1), /cannot read \/etc\/shadow/);
  assert.is(fileContent('/etc/a b').key, 'content:/etc/a b');
});

test('identity reads the user and group names', () => {
  assert.equal(identity.parse('deploy\ndeploy\n', 0), { user: 'deploy', group: 'deploy' });
});

test('predictWrittenFile gives the stat and content a written file will have', () => {
  const predicted = predictWrittenFile(Buffer.from('hello\n'), { mode: '0640', owner: 'root', group: 'adm' });
  assert.equal(predicted, {
    stat: { exists: true, type: 'file', mode: '0640', owner: 'root', group: 'adm', size: 6, sha256: '5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03' },
    content: { exists: true, content: 'hello\n', unread: null },
  });
});

test.run();
