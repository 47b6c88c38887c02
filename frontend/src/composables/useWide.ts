import { onScopeDispose, ref } from 'vue';

/** Whether the screen is a PC's (the side rail's breakpoint): tables instead of phone lists. */
export function useWide(query = '(min-width: 1024px)') {
  const m = window.matchMedia(query);
  const wide = ref(m.matches);
  const on = (e: MediaQueryListEvent) => (wide.value = e.matches);
  m.addEventListener('change', on);
  onScopeDispose(() => m.removeEventListener('change', on));
  return wide;
}
