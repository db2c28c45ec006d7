// Every module by the name tasks use for it.
import { aptModule } from './apt.js';
import { assertModule } from './assert.js';
import { authorizedKeyModule } from './authorized-key.js';
import { blockinfileModule } from './blockinfile.js';
import { commandModule, shellModule } from './command.js';
import { copyModule } from './copy.js';
import { cronModule } from './cron.js';
import { debugModule } from './debug.js';
import { failModule } from './fail.js';
import { fetchModule } from './fetch.js';
import { fileModule } from './file.js';
import { findModule } from './find.js';
import { getUrlModule } from './get-url.js';
import { unarchiveModule } from './unarchive.js';
import { uriModule } from './uri.js';
import { groupModule } from './group.js';
import { hostnameModule } from './hostname.js';
import { lineinfileModule } from './lineinfile.js';
import type { ModuleDefinition } from './module.js';
import { nodeReleaseModule } from './node-release.js';
import { postgresDbModule } from './postgres-db.js';
import { postgresRoleModule } from './postgres-role.js';
import { releasePendingModule } from './release-pending.js';
import { replaceModule } from './replace.js';
import { serviceModule, systemdModule } from './service.js';
import { setFactModule } from './set-fact.js';
import { slurpModule } from './slurp.js';
import { statModule } from './stat.js';
import { sshKeyModule } from './ssh-key.js';
import { sysctlModule } from './sysctl.js';
import { templateModule } from './template.js';
import { ufwModule } from './ufw.js';
import { userModule } from './user.js';
import { waitForModule } from './wait-for.js';
import { waitForConnectionModule } from './wait-for-connection.js';

/** Why: the loader, the executor, the schemas and the docs all read the same module list. */
export const MODULES: ReadonlyMap<string, ModuleDefinition<never>> = new Map(
  ([
    aptModule, commandModule, fileModule, groupModule,
    serviceModule, shellModule, systemdModule, userModule, waitForModule, waitForConnectionModule,
    blockinfileModule, copyModule, cronModule, lineinfileModule, sysctlModule, templateModule,
    assertModule, nodeReleaseModule, postgresDbModule, postgresRoleModule, ufwModule,
    releasePendingModule, sshKeyModule, replaceModule, findModule, getUrlModule, uriModule, unarchiveModule, fetchModule, authorizedKeyModule,
    debugModule, failModule, setFactModule, statModule, slurpModule, hostnameModule,
  ] as ModuleDefinition<never>[]).map((m) => [m.name, m]),
);
