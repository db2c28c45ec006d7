// The inventory file's JSON Schema: checked before anything else is read, and published for
// editors (YAML language server) so they complete and check inventory files as the engine does.
import type { JsonSchema } from '../modules/module.js';

/** Names usable in host patterns: no `,` `:` `&` `!` `*` `?` or spaces, which patterns give meaning to. */
export const NAME_PATTERN = '^[A-Za-z0-9_][A-Za-z0-9_.-]*$';

/** Variable names usable in `{{ expressions }}` and ejs templates. */
export const VARIABLE_NAME_PATTERN = '^[A-Za-z_][A-Za-z0-9_]*$';

/** Why: `-e` values are a map of variable names, checked like the inventory's vars. */
export const VARS_SCHEMA: JsonSchema = { type: 'object', propertyNames: { pattern: VARIABLE_NAME_PATTERN } };

const vars: JsonSchema = {
  type: 'object',
  description: 'Variables: name → any YAML value. Names are letters, digits and _, not starting with a digit.',
  propertyNames: { pattern: VARIABLE_NAME_PATTERN },
};

const group: JsonSchema = {
  type: ['object', 'null'],
  description: 'A group: its hosts, its child groups and the variables every host in it gets.',
  additionalProperties: false,
  properties: {
    hosts: {
      type: 'object',
      description:
        'Hosts of this group: host name → its own variables (or nothing). A host may be listed in several groups; its variables are merged.',
      propertyNames: { pattern: NAME_PATTERN },
      additionalProperties: {
        ...vars,
        type: ['object', 'null'],
        description:
          'Variables of this host. Connection: connection (ssh | local), address, ssh_port, ssh_user, ssh_private_key, ssh_known_hosts; private_address is the VPC address.',
      },
    },
    children: {
      type: 'object',
      description: 'Child groups: group name → group. Hosts of a child are hosts of this group too; a child group\'s variables win over this group\'s.',
      propertyNames: { pattern: NAME_PATTERN },
      additionalProperties: { $ref: '#/definitions/group' },
    },
    vars: { ...vars, description: 'Variables for every host of this group and of its child groups.' },
  },
};

/**
 * Why: one schema both validates inventory files (through validateAt) and is published as
 * schemas/inventory.json for editors; Ansible's YAML inventory layout, so users' files carry over.
 */
export const INVENTORY_SCHEMA: JsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'bc-play inventory',
  description:
    'Hosts and groups, in Ansible\'s YAML inventory layout: top-level group names (usually just `all`), each with hosts, children and vars.',
  type: 'object',
  propertyNames: { pattern: NAME_PATTERN },
  additionalProperties: { $ref: '#/definitions/group' },
  definitions: { group },
};
