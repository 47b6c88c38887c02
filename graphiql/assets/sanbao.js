// Starts GraphiQL on /graphql. A file of its own, not an inline script, so the
// page runs under script-src 'self'. The session cookie goes along (same
// origin); an API token can be set in the headers editor.
(function () {
  var endpoint = document.getElementById('graphiql').getAttribute('data-endpoint');
  var fetcher = GraphiQL.createFetcher({ url: location.origin + endpoint });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false,
      defaultQuery: '{\n  viewer {\n    name\n  }\n}\n',
    }),
  );
})();
