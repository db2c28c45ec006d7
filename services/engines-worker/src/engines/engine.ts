// What an engine is to the worker: a name and how a batch of new events changes its tables, in
// the worker's transaction. The worker owns delivery, acknowledgement and exactly-once.
import type { Client } from '../../../shared/db.js';
import type { OutboxEvent } from '../../../shared/events.js';

export interface Engine {
  name: string;
  /** The consumer group it reads in, for good (engine_groups); the worker's CONSUMER_GROUP default. */
  group: string;
  /** Why: called once per batch with only the events this engine's group had not applied yet. */
  write(client: Client, events: OutboxEvent[]): Promise<void>;
}
