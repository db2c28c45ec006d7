// Runs work for many hosts at once, at most `forks` at a time.

/** Why: `--forks` bounds parallel hosts; results keep the input order for stable output. */
export async function inParallel<T, R>(items: T[], forks: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(forks, items.length)) }, worker));
  return results;
}
