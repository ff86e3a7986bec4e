import type { KeyValueStorageInterface } from 'aws-amplify/utils';

/** Token storage for one Amplify context, so its sign-in touches nothing else in the process. */
export function memoryStorage(): KeyValueStorageInterface {
  const items = new Map<string, string>();
  return {
    setItem: async (key, value) => void items.set(key, value),
    getItem: async (key) => items.get(key) ?? null,
    removeItem: async (key) => void items.delete(key),
    clear: async () => items.clear(),
  };
}
