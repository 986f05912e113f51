// GraphiQL for the service whose GraphQL route the page names (data-endpoint); everything it needs is served
// by the gateway (see GraphiQlPage). A bearer token goes into the Headers tab: {"Authorization": "Bearer ..."}.
(function () {
  var root = document.getElementById('graphiql');
  var fetcher = GraphiQL.createFetcher({ url: root.getAttribute('data-endpoint') });
  ReactDOM.createRoot(root).render(
    React.createElement(GraphiQL, { fetcher: fetcher, defaultEditorToolsVisibility: 'headers' })
  );
  root.setAttribute('data-ready', 'true');
})();
