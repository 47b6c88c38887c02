// GraphiQL at /graphql comes from the server alone (issue 10, item 4): with
// every other origin unreachable, as on an intranet, it loads under the app's
// Content-Security-Policy, reads the schema and runs a query.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, startServer, VIEWPORTS } from './harness.mjs';

let server;

before(
  async () => {
    server = await startServer({ seed: false });
  },
  { timeout: 600_000 },
);

after(async () => {
  await server?.stop();
});

test('GraphiQL loads offline under the CSP and runs a query', async () => {
  const b = await openBrowser(VIEWPORTS.desktop);
  try {
    const foreign = [];
    const refused = [];
    await b.context.route('**/*', (route) => {
      const url = route.request().url();
      if (new URL(url).origin !== server.url) {
        foreign.push(url);
        return route.abort('internetdisconnected');
      }
      return route.fallback();
    });
    b.page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text())) refused.push(m.text());
    });
    const introspected = b.page.waitForRequest((r) => r.url().endsWith('/graphql') && r.method() === 'POST' && /__schema/.test(r.postData() ?? ''));
    await b.page.goto(`${server.url}/graphql`);
    await b.page.locator('.graphiql-container').waitFor();
    await introspected;
    await b.page.locator('.graphiql-execute-button').click();
    // Not signed in: the server's own answer, through GraphiQL's fetcher.
    await b.page.locator('.graphiql-response').getByText('请先登录').waitFor();
    assert.deepEqual(foreign, [], 'requests to other origins');
    assert.deepEqual(refused, [], 'blocked by the Content-Security-Policy');
    assert.deepEqual(b.errors, [], 'uncaught errors in the page');
  } finally {
    await b.close();
  }
});
