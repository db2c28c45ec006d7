// What a case left on the host: every path under its temp dir with type, mode, owner and content.
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

/** Why: "identical files" compared as one sorted list of lines a failing assertion shows readably. */
export function snapshotTree(root: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    const full = rel ? join(root, rel) : root;
    const st = lstatSync(full);
    const mode = (st.mode & 0o7777).toString(8).padStart(4, '0');
    const head = `${rel || '.'} ${mode} ${st.uid}:${st.gid}`;
    if (st.isSymbolicLink()) out.push(`${head} -> ${readlinkSync(full)}`);
    else if (st.isFile()) out.push(`${head} ${JSON.stringify(readFileSync(full, 'utf8'))}`);
    else if (st.isDirectory()) {
      out.push(`${head} dir`);
      for (const entry of readdirSync(full).sort()) walk(rel ? join(rel, entry) : entry);
    } else out.push(`${head} other`);
  };
  walk('');
  return out;
}
