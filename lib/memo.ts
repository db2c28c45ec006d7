// The get-or-create that every cache of answers (per run, per process) does, written once.

/** A Map or a WeakMap: what getOrCreate needs of its store. */
interface Store<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

/** Why: caches nest (run → play → host); one helper keeps each level a single readable line. */
export function getOrCreate<K, V>(store: Store<K, V>, key: K, create: () => V): V {
  let value = store.get(key);
  if (value === undefined) {
    value = create();
    store.set(key, value);
  }
  return value;
}
