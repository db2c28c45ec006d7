import { test } from 'uvu';
import { fileModule, type FileArgs } from '../../../lib/modules/file.js';
import { checkPlan, type PlanCase } from './support/plan-fixture.js';

const root = { identity: { user: 'root', group: 'root' } };
const dir = { exists: true, type: 'directory', mode: '0755', owner: 'root', group: 'root' };
const file = { exists: true, type: 'file', mode: '0644', owner: 'root', group: 'root', size: 3, sha256: 'ab' };
const link = { exists: true, type: 'link', mode: '0777', owner: 'root', group: 'root', target: '/srv/app/releases/1' };
const EMPTY_SHA = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const cases: PlanCase<FileArgs>[] = [
  {
    name: 'creates a missing directory with parents, each (as Ansible) with default mode 0755, chowned to the wanted owner',
    args: { path: '/srv/my app', state: 'directory', owner: 'www-data' },
    facts: { ...root, 'file:/srv/my app': { exists: false } },
    summaries: ['create directory /srv/my app (mode 0755, owner www-data:root)'],
    commands: [[`for d in /srv '/srv/my app'; do [ -d "$d" ] || { if mkdir -- "$d" 2>/dev/null; then chmod -- 0755 "$d" && chown -- www-data:root "$d"; else [ -d "$d" ] || mkdir -- "$d"; fi; } || exit 1; done`]],
    effects: [
      [
        { key: 'file:/srv/my app', value: { exists: true, type: 'directory', mode: '0755', owner: 'www-data', group: 'root' } },
        { touch: 'path:/srv', cause: 'parents' },
      ],
    ],
  },
  {
    name: 'reports no change when the directory already has the wanted mode',
    args: { path: '/srv', state: 'directory', mode: '755' },
    facts: { ...root, 'file:/srv': dir },
    summaries: [],
    reason: '/srv is already a directory with mode 0755, owner root:root',
  },
  {
    name: 'only chmods an existing directory whose mode differs',
    args: { path: '/srv', state: 'directory', mode: '0700' },
    facts: { ...root, 'file:/srv': dir },
    summaries: ['set mode 0700 on /srv'],
    commands: [['chmod -- 0700 /srv']],
    effects: [[{ key: 'file:/srv', value: { ...dir, mode: '0700' } }]],
  },
  {
    name: 'refuses to turn a file into a directory',
    args: { path: '/srv', state: 'directory' },
    facts: { ...root, 'file:/srv': file },
    throws: /\/srv exists and is a file, not a directory/,
  },
  {
    name: 'sets owner and group of an existing file with state file',
    args: { path: '/etc/x', owner: 'deploy', group: 'deploy' },
    facts: { ...root, 'file:/etc/x': file },
    summaries: ['set owner deploy, group deploy on /etc/x'],
    commands: [['chown -- deploy:deploy /etc/x']],
  },
  {
    name: 'fails when state file names a missing file',
    args: { path: '/etc/x', state: 'file' },
    facts: { ...root, 'file:/etc/x': { exists: false } },
    throws: /\/etc\/x does not exist/,
  },
  {
    name: 'touches a missing file and predicts an empty file owned by the runner',
    args: { path: '/var/log/app.log', state: 'touch', mode: '0640' },
    facts: { identity: { user: 'deploy', group: 'staff' }, 'file:/var/log/app.log': { exists: false } },
    summaries: ['create empty file /var/log/app.log (mode 0640, owner deploy:staff)'],
    commands: [['touch -- /var/log/app.log && chmod -- 0640 /var/log/app.log']],
    effects: [
      [
        { key: 'file:/var/log/app.log', value: { exists: true, type: 'file', mode: '0640', owner: 'deploy', group: 'staff', size: 0, sha256: EMPTY_SHA } },
        { key: 'content:/var/log/app.log', value: { exists: true, content: '', unread: null } },
      ],
    ],
  },
  {
    name: 'updates the times of an existing file with state touch, as Ansible (a change every run)',
    args: { path: '/etc/x', state: 'touch' },
    facts: { ...root, 'file:/etc/x': file },
    summaries: ['update the times of /etc/x'],
    commands: [['touch -- /etc/x']],
  },
  {
    name: 'leaves an existing file alone with state touch when both times are preserved',
    args: { path: '/etc/x', state: 'touch', modification_time: 'preserve', access_time: 'preserve' },
    facts: { ...root, 'file:/etc/x': file },
    summaries: [],
  },
  {
    name: 'creates a link to src',
    args: { path: '/srv/app/current', state: 'link', src: '/srv/app/releases/2' },
    facts: { ...root, 'file:/srv/app/current': { exists: false }, 'path:/srv/app/releases/2': { exists: true } },
    summaries: ['create link /srv/app/current -> /srv/app/releases/2'],
    commands: [['ln -sfn -- /srv/app/releases/2 /srv/app/current']],
    effects: [
      [
        { key: 'file:/srv/app/current', value: { ...link, target: '/srv/app/releases/2' } },
      ],
    ],
  },
  {
    name: 'repoints a link that points elsewhere',
    args: { path: '/srv/app/current', state: 'link', src: '/srv/app/releases/2' },
    facts: { ...root, 'file:/srv/app/current': link, 'path:/srv/app/releases/2': { exists: true } },
    summaries: ['point link /srv/app/current to /srv/app/releases/2 (was /srv/app/releases/1)'],
  },
  {
    name: 'reports no change for a link that already points to src',
    args: { path: '/srv/app/current', state: 'link', src: '/srv/app/releases/1' },
    facts: { ...root, 'file:/srv/app/current': link, 'path:/srv/app/releases/1': { exists: true } },
    summaries: [],
    reason: '/srv/app/current is already a link to /srv/app/releases/1 with owner root:root',
  },
  {
    name: 'changes the owner of a link itself with chown -h',
    args: { path: '/srv/app/current', state: 'link', src: '/srv/app/releases/1', owner: 'deploy' },
    facts: { ...root, 'file:/srv/app/current': link, 'path:/srv/app/releases/1': { exists: true } },
    commands: [['chown -h -- deploy:root /srv/app/current']],
  },
  {
    name: 'refuses a mode for a link',
    args: { path: '/l', state: 'link', src: '/x', mode: '0644' },
    facts: { ...root, 'file:/l': { exists: false }, 'path:/x': { exists: true } },
    throws: /mode does not apply to links/,
  },
  {
    name: 'fails a link to a src that does not exist, as Ansible, relative to the link\'s folder',
    args: { path: '/srv/app/current', state: 'link', src: 'releases/9' },
    facts: { ...root, 'file:/srv/app/current': { exists: false }, 'path:/srv/app/releases/9': { exists: false } },
    throws: /src file does not exist, use "force: true" if you really want to create the link: \/srv\/app\/releases\/9/,
  },
  {
    name: 'makes a dangling link with force, reading nothing about src',
    args: { path: '/srv/app/current', state: 'link', src: '/nowhere', force: true },
    facts: { ...root, 'file:/srv/app/current': { exists: false } },
    summaries: ['create link /srv/app/current -> /nowhere'],
  },
  {
    name: 'recurse sets the mode and owner on what lies below the directory, links keeping their mode',
    args: { path: '/srv/d', state: 'directory', mode: '0750', owner: 'app', recurse: true },
    facts: {
      ...root,
      'file:/srv/d': { ...dir, mode: '0750', owner: 'app' },
      'tree:/srv/d': [
        { path: '/srv/d/a', type: 'file', mode: '0644', owner: 'app', group: 'root' },
        { path: '/srv/d/l', type: 'link', mode: '0777', owner: 'app', group: 'root' },
        { path: '/srv/d/s', type: 'directory', mode: '0750', owner: 'root', group: 'root' },
      ],
    },
    summaries: ['set mode 0750, owner app on 2 paths below /srv/d'],
    commands: [['chmod -R -- 0750 /srv/d && chown -R -h -- app /srv/d']],
  },
  {
    name: 'recurse reports no change when everything below has the mode',
    args: { path: '/srv/d', state: 'directory', mode: '0750', recurse: true },
    facts: { ...root, 'file:/srv/d': { ...dir, mode: '0750' }, 'tree:/srv/d': [{ path: '/srv/d/a', type: 'file', mode: '0750', owner: 'x', group: 'y' }] },
    summaries: [],
  },
  {
    name: 'refuses src without state link',
    args: { path: '/l', src: '/x' },
    facts: { ...root, 'file:/l': { exists: false } },
    throws: /src is only used with state: link/,
  },
  {
    name: 'removes a directory recursively and forgets what was cached below it',
    args: { path: '/srv/old', state: 'absent' },
    facts: { ...root, 'file:/srv/old': dir },
    summaries: ['remove directory /srv/old and everything in it'],
    commands: [['rm -rf -- /srv/old']],
    effects: [
      [
        { key: 'file:/srv/old', value: { exists: false } },
        { key: 'content:/srv/old', value: { exists: false, content: '', unread: null } },
        { touch: 'path:/srv/old', subtree: true, cause: 'removed' },
      ],
    ],
  },
  {
    name: 'reports no change when the path is already absent',
    args: { path: '/srv/old', state: 'absent' },
    facts: { ...root, 'file:/srv/old': { exists: false } },
    summaries: [],
    reason: '/srv/old is already absent',
  },
];

for (const c of cases) test(c.name, () => void checkPlan(fileModule, c));

test.run();
