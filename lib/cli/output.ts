// The one kind of place reporters write to.

/** Why: process.stdout fits, and so does a test double collecting text; reporters need only write. */
export interface TextOutput {
  write(text: string): unknown;
}
