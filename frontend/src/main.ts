import { createApp } from 'vue';
import App from './App.vue';
import { router, toLogin, toPasswordChange } from './router';
import { setPasswordChangeHandler, setUnauthenticatedHandler } from './api/client';
import { sessionExpired } from './state/session';
import { watchNetwork } from './state/network';
import { startSync } from './offline/sync';
import { registerSenders } from './offline/senders';
import { prune } from './offline/queryCache';
import './styles/app.css';

setUnauthenticatedHandler((message) => {
  sessionExpired(message);
  toLogin();
});
setPasswordChangeHandler(toPasswordChange);
watchNetwork();
registerSenders();

createApp(App).use(router).mount('#app');

// Pending writes go out once the viewer is known (a session is needed).
void router.isReady().then(() => {
  startSync();
  void prune();
});

if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {
      // Not a secure context (plain http on an intranet): no offline shell.
    });
  });
  // A new release took over: its chunks differ from the ones this page was
  // built with, so the next page change loads the new app as a whole.
  const hadController = !!navigator.serviceWorker.controller;
  let updated = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    updated = hadController;
  });
  router.beforeEach((to, from) => {
    if (updated && from.matched.length > 0) {
      window.location.assign(to.fullPath);
      return false;
    }
    return true;
  });
}

// A route chunk that cannot load (an old release, removed from the server):
// load the page afresh rather than stay on a blank screen.
router.onError((err, to) => {
  if (!/dynamically imported module|Importing a module script failed|preload/i.test(String(err)) || !navigator.onLine) return;
  try {
    if (sessionStorage.getItem('sanbao.reloadedFor') === to.fullPath) return; // once, no loop
    sessionStorage.setItem('sanbao.reloadedFor', to.fullPath);
  } catch {
    return;
  }
  window.location.assign(to.fullPath);
});
