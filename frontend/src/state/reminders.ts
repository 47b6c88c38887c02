// The month's reminders (families not yet contacted, days left, agreements
// waiting): the home tab's badge and the home's banner. Asked once on start,
// again when the network is back or a contact was sent.
import { shallowRef } from 'vue';
import { RemindersDocument, type RemindersQuery } from '@/gql/graphql';
import { query } from '@/api/client';
import { onOwnerChange, subscribe } from '@/offline/outbox';
import { onReconnect } from '@/state/network';

export const reminders = shallowRef<RemindersQuery['reminders'] | null>(null);

let started = false;
let sentContacts = -1;

export async function refreshReminders(): Promise<void> {
  try {
    reminders.value = (await query(RemindersDocument, {})).data.reminders;
  } catch {
    // Offline with nothing stored, or signed out: keep what is known.
  }
}

/** Starts following (once). */
export function followReminders(): void {
  if (started) return;
  started = true;
  void refreshReminders();
  onReconnect(() => void refreshReminders());
  onOwnerChange((owner) => {
    reminders.value = null;
    if (owner) void refreshReminders();
  });
  subscribe((list) => {
    const sent = list.filter((i) => i.kind === 'contact' && i.state === 'sent').length;
    if (sentContacts >= 0 && sent !== sentContacts) void refreshReminders();
    sentContacts = sent;
  });
}
