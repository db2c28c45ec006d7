// The engines this worker can run, by the name ENGINE gives (and the inventory's engines list).
import { activity } from './activity.js';
import type { Engine } from './engine.js';
import { figures } from './figures.js';

// Why: one table of names, read by the settings (to refuse an unknown one) and the consumer.
export const ENGINES: Record<string, Engine> = { figures, activity };
