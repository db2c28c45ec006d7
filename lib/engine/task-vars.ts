// The variables a task sees on a host: the five layers merged, then what the run adds.
import { builtinVars, groupVarsFor, hostVarsFor, mergeVars } from '../inventory/vars.js';
import type { Vars } from '../inventory/types.js';
import { getOrCreate } from '../memo.js';
import { lazyScope } from '../playbook/expressions.js';
import { NO_VARS, type Play, type RoleUse, type Task } from '../playbook/types.js';
import type { HostRun, RunState, VarContext } from './state.js';

/** Names the engine sets itself; no variable layer may define them. */
export const RESERVED_VARS = ['facts', 'item', 'vars', 'secret', 'hostvars', 'inventory_hostname', 'groups', 'group_names', 'ansible_check_mode'];

/**
 * Why: the one function that decides what a task sees, so the documented order holds
 * everywhere: role defaults < group vars < host vars < play vars / role params < extra vars;
 * then the run's own names (facts, registered results, builtins, secret()).
 */
export function taskVars(run: RunState, play: Play, task: Task, host: HostRun): Vars {
  const merged = userVars(run, play, host.name, task.roleUse, task.vars);
  return {
    ...merged,
    ...builtinVars(run.inventory, host.name, run.settings.check),
    ...host.registered,
    facts: host.hostFacts ?? {},
    hostvars: hostvarsView(run, play),
    secret: run.settings.secret,
  };
}

/** Why: the five layers alone, also used before the run to check variables and role parameters. Tasks without vars share one key. */
export function userVars(run: VarContext, play: Play, host: string, roleUse?: RoleUse, ownVars: Vars = NO_VARS): Vars {
  const perVars = getOrCreate(run.varCache.userVars, roleUse ?? play, () => new WeakMap());
  const perHost = getOrCreate(perVars, ownVars, () => new Map());
  return getOrCreate(perHost, host, () =>
    mergeVars({
      // A play's own tasks see the defaults of its roles and of the roles it imports (not those it includes), as Ansible.
      roleDefaults: roleUse ? defaultsOf(roleUse) : Object.assign({}, ...playRoles(play).map(defaultsOf)),
      group: groupVarsFor(run.inventory, host),
      host: { ...hostVarsFor(run.inventory, host), ...run.settings.hostOverrides.get(host) },
      // As Ansible: role vars (every public role's, the task's own role's last) over the play's vars, under a
      // task's own; a role parameter outranks them all (precedence 15 < 17 < 20).
      play: { ...play.vars, ...Object.assign({}, ...playRoles(play).map(roleVarsOf)), ...(roleUse ? roleVarsOf(roleUse) : {}), ...ownVars, ...roleUse?.params },
      extra: run.settings.extraVars,
    }),
  );
}

/** The roles whose defaults and vars every task of the play sees: those in `roles:` and those imported (not included). */
function playRoles(play: Play): RoleUse[] {
  return [...play.roles, ...play.roleImports.filter((u) => u.imported)];
}

function defaultsOf(use: RoleUse): Vars {
  return use.defaults ?? use.role.defaults;
}

function roleVarsOf(use: RoleUse): Vars {
  return use.varsFrom ?? use.role.vars;
}

/** One hostvars view per run and play: built per task and host, its cache was thrown away each time. */
function hostvarsView(run: RunState, play: Play): Vars {
  return getOrCreate(run.varCache.hostvars, play, () => newHostvarsView(run, play));
}

/**
 * Why: as Ansible's hostvars, another host's view holds what it registered and set so far (set_fact
 * with delegate_facts included), read when asked, over its variables.
 */
function withLive(vars: Vars, registered: Vars): Vars {
  const has = (name: string | symbol): name is string => typeof name === 'string' && (Object.hasOwn(registered, name) || Object.hasOwn(vars, name));
  const value = (name: string) => (Object.hasOwn(registered, name) ? registered[name] : vars[name]);
  return new Proxy(Object.create(null) as Vars, {
    get: (_t, name) => (has(name) ? value(name) : undefined),
    has: (_t, name) => has(name),
    ownKeys: () => [...new Set([...Object.keys(vars), ...Object.keys(registered)])],
    getOwnPropertyDescriptor: (_t, name) => (has(name) ? { value: value(name), enumerable: true, configurable: true, writable: true } : undefined),
  });
}

/**
 * Why: the variables that say how to reach a host come from the host itself (its groups, its
 * own vars, the lab's overrides, -e), never from a play's vars or role defaults.
 */
export function connectionVars(run: VarContext, host: string): Vars {
  return mergeVars({
    group: groupVarsFor(run.inventory, host),
    host: { ...hostVarsFor(run.inventory, host), ...run.settings.hostOverrides.get(host) },
    extra: run.settings.extraVars,
  });
}

function newHostvarsView(run: RunState, play: Play): Vars {
  const cache = new Map<string, Vars>();
  const known = (name: string | symbol): name is string => typeof name === 'string' && run.inventory.hosts.has(name);
  // A null prototype keeps the view opaque to the renderer, which only walks plain objects.
  return new Proxy(Object.create(null) as Vars, {
    get: (_t, name) => {
      if (!known(name)) return undefined;
      if (!cache.has(name)) {
        const vars = userVars(run, play, name);
        const registered = run.hosts.get(name)?.registered;
        cache.set(name, lazyScope(registered ? withLive(vars, registered) : vars, { context: `hostvars["${name}"]` }));
      }
      return cache.get(name);
    },
    has: (_t, name) => known(name),
    ownKeys: () => [...run.inventory.hosts.keys()],
    getOwnPropertyDescriptor: (_t, name) => (known(name) ? { enumerable: true, configurable: true } : undefined),
  });
}
