// JSON lines: every engine event as one line of JSON, for CI and other programs.
import type { EngineEvent, EventSink } from '../engine/events.js';
import type { TextOutput } from './output.js';

/** Why: machines read the very events the engine emits, not a parse of the human text. */
export class JsonReporter implements EventSink {
  constructor(private readonly out: TextOutput = process.stdout) {}

  emit(event: EngineEvent): void {
    this.out.write(`${JSON.stringify(event)}\n`);
  }
}
