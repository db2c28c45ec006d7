// The lines of an authorized_keys file read and written as ansible.posix's authorized_key does,
// so a file either tool manages is rewritten to the same bytes.

/** The key types ansible.posix recognises in a line. */
const KEY_TYPES = new Set(['sk-ecdsa-sha2-nistp256@openssh.com', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'sk-ssh-ed25519@openssh.com', 'ssh-ed25519', 'ssh-dss', 'ssh-rsa']);

/** One entry: a key (by its base64 blob) or a line kept as it is (comments, blank or unreadable lines). */
export type KeyEntry =
  | { id: string; kind: 'key'; type: string; options: Array<[string, string | null]>; comment: string; rank: number }
  | { id: string; kind: 'line'; text: string; rank: number };

/** Why: the options before the key type, split at commas outside quotes, in order. */
export function parseOptions(text: string | undefined): Array<[string, string | null]> {
  if (!text) return [];
  // A dict, as in Python: a repeated option keeps its first place and its last value.
  const out = new Map<string, string | null>();
  for (const part of text.split(/((?:[^,"']|"[^"]*"|'[^']*')+)/).slice(1, -1)) {
    if (part.includes('=')) out.set(part.slice(0, part.indexOf('=')), part.slice(part.indexOf('=') + 1));
    else if (part !== ',' && part !== '') out.set(part, null);
  }
  return [...out];
}

/** Why: a line as ansible.posix's parsekey reads it; undefined for a line with no known key type. */
export function parseKeyLine(raw: string, rank: number): KeyEntry | undefined {
  const line = raw.replaceAll('\\#', '#');
  const parts = line.split(/[ \t\r\n]+/).filter(Boolean);
  if (parts[0] === '#') return { id: line, kind: 'line', text: line, rank };
  const at = parts.findIndex((p) => KEY_TYPES.has(p));
  if (at < 0 || at + 1 >= parts.length) return undefined;
  return { id: parts[at + 1], kind: 'key', type: parts[at], options: parseOptions(parts.slice(0, at).join(' ')), comment: parts.slice(at + 2).join(' '), rank };
}

/** Why: the file's entries by id, as a dict keyed by key blob or line text (a repeated line is kept once, at its last place). */
export function parseKeyFile(content: string): Map<string, KeyEntry> {
  const entries = new Map<string, KeyEntry>();
  (content.match(/[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+$/g) ?? []).forEach((line, rank) => {
    const entry = parseKeyLine(line, rank) ?? { id: line, kind: 'line' as const, text: line, rank };
    entries.set(entry.id, entry);
  });
  return entries;
}

/** Why: whether two keys are the same line to Ansible: type, blob, options (in any order) and comment. */
export function sameKey(a: KeyEntry, b: KeyEntry): boolean {
  if (a.kind !== 'key' || b.kind !== 'key') return a.kind === b.kind && a.id === b.id;
  const options = (e: typeof a) => JSON.stringify([...e.options].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
  return a.id === b.id && a.type === b.type && a.comment === b.comment && options(a) === options(b);
}

/** Why: ansible.posix's serialize: entries by rank (ties in insertion order), keys as `OPTIONS TYPE KEY COMMENT`. */
export function serializeKeys(entries: Map<string, KeyEntry>): string {
  return [...entries.values()]
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.rank - b.e.rank || a.i - b.i)
    .map(({ e }) => {
      if (e.kind === 'line') return e.text;
      const options = e.options.length ? `${e.options.map(([k, v]) => (v === null ? k : `${k}=${v}`)).join(',')} ` : '';
      return `${options}${e.type} ${e.id} ${e.comment}\n`;
    })
    .join('');
}
