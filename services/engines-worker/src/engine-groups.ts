// A consumer group applies one engine and an engine has one group, for good: the group's
// processed_events say what its engine applied, so another engine's code in that group would skip
// every event it already has, and a second group of the same engine would apply them all again.
// The first worker of a group records the pair in engine_groups; a worker whose engine and group do
// not match the record refuses to start.
import type { Db } from '../../shared/db.js';

// Why: a thrown GroupTaken stops the worker (exit 1) instead of being retried like a lost connection.
export class GroupTaken extends Error {}

// Why: called before the worker reads its first entry.
export async function claimGroup(db: Db, group: string, engine: string): Promise<void> {
  await db.query('INSERT INTO engine_groups (consumer_group, engine) VALUES ($1, $2) ON CONFLICT DO NOTHING', [group, engine]);
  const { rows } = await db.query<{ consumer_group: string; engine: string }>('SELECT consumer_group, engine FROM engine_groups WHERE consumer_group = $1 OR engine = $2', [group, engine]);
  const mine = rows.find((r) => r.consumer_group === group);
  if (mine && mine.engine !== engine) {
    throw new GroupTaken(`consumer group "${group}" applies the ${mine.engine} engine; ENGINE=${engine} needs a consumer group of its own (CONSUMER_GROUP)`);
  }
  const other = rows.find((r) => r.engine === engine && r.consumer_group !== group);
  if (other) throw new GroupTaken(`the ${engine} engine is applied by consumer group "${other.consumer_group}"; in "${group}" it would apply every event to its tables again`);
}
