import { onScopeDispose, ref } from 'vue';

/** Whether the screen is a PC's (the side rail shows): real tables there, lists on phones. */
export function useWide(query = '(min-width: 1024px)') {
  const mq = window.matchMedia(query);
  const wide = ref(mq.matches);
  const on = (e: MediaQueryListEvent) => (wide.value = e.matches);
  mq.addEventListener('change', on);
  onScopeDispose(() => mq.removeEventListener('change', on));
  return wide;
}
