// A minimal promise wrapper over IndexedDB: one database, two stores.
//   queries – last successful response of each GraphQL query (offline reads)
//   outbox  – writes made while offline, sent when the network is back
const DB_NAME = 'sanbao';
const DB_VERSION = 1;
export const QUERIES = 'queries';
export const OUTBOX = 'outbox';

let opening: Promise<IDBDatabase> | null = null;

export function openDB(): Promise<IDBDatabase> {
  if (opening) return opening;
  opening = new Promise<IDBDatabase>((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new Error('此浏览器不支持离线存储（IndexedDB）'));
      return;
    }
    const req = indexedDB.open(DB_NAME, DB_VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(QUERIES)) db.createObjectStore(QUERIES, { keyPath: 'key' });
      if (!db.objectStoreNames.contains(OUTBOX)) db.createObjectStore(OUTBOX, { keyPath: 'id' });
    };
    req.onsuccess = () => {
      const db = req.result;
      // Another tab upgrading the schema: let it, and reopen on next use.
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      resolve(db);
    };
    req.onerror = () => reject(req.error ?? new Error('无法打开离线存储'));
    req.onblocked = () => reject(new Error('离线存储被其他页面占用，请关闭其他页面后重试'));
  }).catch((err) => {
    opening = null;
    throw err;
  });
  return opening;
}

/** Closes the connection (tests delete the database between cases). */
export async function closeDB(): Promise<void> {
  if (!opening) return;
  const p = opening;
  opening = null;
  try {
    (await p).close();
  } catch {
    // never opened
  }
}

/**
 * Runs fn inside one transaction on one store and resolves with the result of
 * the request it returns once the transaction has committed.
 */
export async function withStore<T>(
  store: string,
  mode: IDBTransactionMode,
  fn: (s: IDBObjectStore) => IDBRequest<T> | void,
): Promise<T> {
  const db = await openDB();
  return new Promise<T>((resolve, reject) => {
    const tx = db.transaction(store, mode);
    let result: T;
    const req = fn(tx.objectStore(store));
    if (req) req.onsuccess = () => (result = req.result);
    tx.oncomplete = () => resolve(result);
    tx.onerror = () => reject(tx.error ?? new Error('离线存储写入失败'));
    tx.onabort = () => reject(tx.error ?? new Error('离线存储写入被中止'));
  });
}
