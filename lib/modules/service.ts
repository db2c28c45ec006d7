// service / systemd: a unit started or stopped, enabled or not, masked or not; restarts and reloads.
import { BcError } from '../errors.js';
import { unitFact, unitName, type UnitState } from '../facts/systemd.js';
import { sh } from '../shell/quote.js';
import type { Change, ModuleDefinition, Plan } from './module.js';

export interface ServiceArgs {
  name: string;
  state?: 'started' | 'stopped' | 'restarted' | 'reloaded';
  enabled?: boolean;
  daemon_reload?: boolean;
  masked?: boolean;
}

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1, description: 'Unit name; ".service" is added when no unit type is given.' },
    state: {
      enum: ['started', 'stopped', 'restarted', 'reloaded'],
      description:
        'started/stopped change only what differs; restarted and reloaded always act (a stopped unit is started instead of reloaded).',
    },
    enabled: { type: 'boolean', description: 'Start the unit at boot (static units cannot be, and are left as they are).' },
    daemon_reload: {
      type: 'boolean',
      default: false,
      description: 'Run `systemctl daemon-reload` first when systemd reports changed unit files, or the unit is not loaded yet.',
    },
    masked: { type: 'boolean', description: 'Mask the unit (it cannot be started at all) or unmask it.' },
  },
};

// `systemctl is-enabled` exits 0 for these: the unit starts at boot or cannot be enabled at all.
const ENABLED = new Set(['enabled', 'enabled-runtime', 'static', 'alias', 'indirect', 'generated', 'transient']);
const RUNNING = new Set(['active', 'activating', 'reloading']);
const CANNOT_TOGGLE = new Set(['static', 'alias', 'indirect', 'generated', 'transient']);

function serviceDefinition(name: 'service' | 'systemd'): ModuleDefinition<ServiceArgs> {
  return {
    name,
    description: 'Manages a systemd unit: running state, start at boot, masking and daemon-reload.',
    schema,
    facts: (args) => [unitFact(unitName(args.name))],
    plan(args, facts) {
      const unit = unitName(args.name);
      return planUnit(args, unit, facts.get(unitFact(unit)));
    },
  };
}

/** Why: the name Ansible users reach for first. */
export const serviceModule = serviceDefinition('service');
/** Why: the same planner under the name Ansible's systemd module has, so playbooks port as they are. */
export const systemdModule = serviceDefinition('systemd');

function planUnit(args: ServiceArgs, unit: string, found: UnitState): Plan {
  if (found.error !== undefined) {
    throw new BcError(`cannot read the state of ${unit}: ${found.error}`, undefined, 'the service module needs systemd running as PID 1');
  }
  if (args.masked === true && (args.state === 'started' || args.state === 'restarted' || args.state === 'reloaded' || args.enabled)) {
    throw new BcError(`${unit} cannot be masked and ${args.state ?? 'enabled'} at once`);
  }
  const changes: Change[] = [];
  const fact = unitFact(unit);
  let now = found;
  const step = (summary: string, command: string, next: Partial<UnitState>): void => {
    now = { ...now, ...next };
    changes.push({ summary, command, effects: [{ fact, value: now }] });
  };

  if (args.daemon_reload && (now.needReload || now.load === 'not-found')) {
    // A unit file written just before (or one systemd gave up on) is loaded by the reload.
    const loaded = now.load === 'not-found' ? { load: 'loaded', active: 'inactive', sub: 'dead', unitFile: 'disabled' } : {};
    step('reload systemd unit files', 'systemctl daemon-reload', { ...loaded, needReload: false });
  }
  if (now.load === 'not-found') {
    throw new BcError(`unit ${unit} not found`, undefined, 'install the package that ships it, or write the unit file and set daemon_reload: true');
  }

  const masked = now.load === 'masked' || now.unitFile === 'masked';
  if (args.masked === true && !masked) step(`mask ${unit}`, sh`systemctl mask ${unit}`, { load: 'masked', unitFile: 'masked' });
  if (args.masked === false && masked) step(`unmask ${unit}`, sh`systemctl unmask ${unit}`, { load: 'loaded', unitFile: 'disabled' });

  const enabled = ENABLED.has(now.unitFile);
  if (args.enabled === true && !enabled) step(`enable ${unit}`, sh`systemctl enable ${unit}`, { unitFile: 'enabled' });
  if (args.enabled === false && enabled && !CANNOT_TOGGLE.has(now.unitFile)) {
    step(`disable ${unit}`, sh`systemctl disable ${unit}`, { unitFile: 'disabled' });
  }

  const running = RUNNING.has(now.active);
  const up = { active: 'active', sub: 'running' };
  if (args.state === 'started' && !running) step(`start ${unit}`, sh`systemctl start ${unit}`, up);
  if (args.state === 'stopped' && running) step(`stop ${unit}`, sh`systemctl stop ${unit}`, { active: 'inactive', sub: 'dead' });
  if (args.state === 'restarted') step(`restart ${unit}`, sh`systemctl restart ${unit}`, up);
  if (args.state === 'reloaded') {
    if (running) step(`reload ${unit}`, sh`systemctl reload ${unit}`, up);
    else step(`start ${unit} (it was not running, so there was nothing to reload)`, sh`systemctl start ${unit}`, up);
  }

  return { changes, reason: changes.length ? undefined : describe(unit, now) };
}

function describe(unit: string, s: UnitState): string {
  return `${unit} is ${s.active} (${s.sub}), ${s.unitFile || 'no unit file state'}`;
}
