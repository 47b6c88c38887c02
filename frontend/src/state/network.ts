// Whether the server can be reached. navigator.onLine says when the phone has
// no network at all; a request that cannot get through (weak signal in a
// village) says the rest. While offline by failure, /healthz is probed now and
// then so the indicator clears by itself.
import { ref } from 'vue';

export const online = ref(typeof navigator === 'undefined' || navigator.onLine !== false);

const reconnectListeners = new Set<() => void>();
let probeTimer: ReturnType<typeof setTimeout> | null = null;
const PROBE_MS = 20_000;

/** Calls fn each time the connection comes back; returns the unsubscribe. */
export function onReconnect(fn: () => void): () => void {
  reconnectListeners.add(fn);
  return () => reconnectListeners.delete(fn);
}

export function reportOnline(): void {
  // A late answer to a request sent before the phone lost its network does
  // not make it online again.
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return;
  if (probeTimer) {
    clearTimeout(probeTimer);
    probeTimer = null;
  }
  if (online.value) return;
  online.value = true;
  for (const fn of reconnectListeners) fn();
}

export function reportOffline(): void {
  online.value = false;
  scheduleProbe();
}

function scheduleProbe(): void {
  if (probeTimer || typeof window === 'undefined') return;
  probeTimer = setTimeout(async () => {
    probeTimer = null;
    if (online.value) return;
    if (navigator.onLine === false) return; // the 'online' event will tell
    try {
      const res = await fetch('/healthz', { cache: 'no-store' });
      if (res.ok) return reportOnline();
    } catch {
      // still unreachable
    }
    scheduleProbe();
  }, PROBE_MS);
}

/** Follows the browser's online/offline events. */
export function watchNetwork(target: Window = window): void {
  target.addEventListener('online', () => reportOnline());
  target.addEventListener('offline', () => reportOffline());
}
