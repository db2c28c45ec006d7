// Many facts, one round trip: their commands joined into one script, their outputs split apart.
import { randomBytes } from 'node:crypto';
import { BcError, CommandError, InternalError } from '../errors.js';
import type { Connection } from '../connection/connection.js';
import type { FactSpec } from '../facts/fact.js';

/** What reading a batch produced: each fact's parsed value, and the keys that were read. */
export interface FactReading {
  values: Map<string, unknown>;
  keys: string[];
}

/**
 * Why: the facts of a task (or of a whole play, prefetched) cost one round trip per host, not
 * one per fact; markers carry a fresh nonce so no command output can forge a boundary.
 * `ahead` are facts read on the way for later tasks: one that cannot be parsed is left out (its
 * task reads it again and reports the error), so a guess never fails the task that made the trip.
 */
export async function readFacts(conn: Connection, needed: FactSpec<unknown>[], become: boolean | string, ahead: FactSpec<unknown>[] = []): Promise<FactReading> {
  const required = new Set(needed.map((s) => s.key));
  const unique = [...new Map([...needed, ...ahead].map((s) => [s.key, s])).values()];
  if (unique.length === 0) return { values: new Map(), keys: [] };
  const nonce = randomBytes(6).toString('hex');
  const result = await conn.run(batchScript(unique, nonce), { become });
  const outputs = splitBatch(result.stdout, unique.length, nonce);
  if (!outputs) {
    throw new CommandError(conn.host, `read ${unique.length} facts (${unique.map((s) => s.key).join(', ')})`, result.code, result.stderr, result.stdout);
  }
  const values = new Map<string, unknown>();
  unique.forEach((spec, i) => {
    const { stdout, code } = outputs[i];
    try {
      values.set(spec.key, spec.parse(stdout, code));
    } catch (error) {
      if (!required.has(spec.key)) return;
      if (error instanceof BcError) throw error;
      throw new InternalError(`fact ${spec.key} on ${conn.host}: cannot parse its output (${(error as Error).message}): ${stdout.slice(0, 200)}`);
    }
  });
  return { values, keys: [...values.keys()] };
}

/** Why: exported for tests; the script prints start and end markers around each fact's output. */
export function batchScript(specs: FactSpec<unknown>[], nonce: string): string {
  return specs
    .map((spec, i) => `printf '%s\\n' '<<bcf:${nonce}:${i}>>'; ( ${spec.command}\n) 2>/dev/null; printf '\\n<<bcf:${nonce}:${i}:%s>>\\n' "$?"`)
    .join('\n');
}

/** Why: exported for tests; undefined when the output was cut short (the script did not finish). */
export function splitBatch(output: string, count: number, nonce: string): Array<{ stdout: string; code: number }> | undefined {
  const parts: Array<{ stdout: string; code: number }> = [];
  let from = 0;
  for (let i = 0; i < count; i++) {
    const start = `<<bcf:${nonce}:${i}>>\n`;
    const s = output.indexOf(start, from);
    if (s < 0) return undefined;
    const endRe = new RegExp(`\\n<<bcf:${nonce}:${i}:(\\d+)>>\\n`, 'g');
    endRe.lastIndex = s + start.length;
    const end = endRe.exec(output);
    if (!end) return undefined;
    parts.push({ stdout: output.slice(s + start.length, end.index), code: Number(end[1]) });
    from = end.index + end[0].length;
  }
  return parts;
}
