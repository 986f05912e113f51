// GraphiQL for the service whose GraphQL route the page names (data-endpoint); everything it needs is served
// by the gateway (see GraphiQlPage). A bearer token goes into the Headers tab: {"Authorization": "Bearer ..."}.
(function () {
  var root = document.getElementById('graphiql');
  var fetcher = GraphiQL.createFetcher({ url: root.getAttribute('data-endpoint') });

  // CodeMirror's editors type into a hidden textarea without a label: name each after its editor
  function label() {
    var named = [
      ['.graphiql-query-editor textarea', 'Query'],
      ['.graphiql-editor-tool .graphiql-editor:nth-of-type(1) textarea', 'Variables'],
      ['.graphiql-editor-tool .graphiql-editor:nth-of-type(2) textarea', 'Headers'],
      ['.graphiql-response textarea', 'Response']
    ];
    named.forEach(function (pair) {
      root.querySelectorAll(pair[0]).forEach(function (area) {
        if (!area.hasAttribute('aria-label')) {
          area.setAttribute('aria-label', pair[1]);
        }
      });
    });
    root.querySelectorAll('textarea:not([aria-label])').forEach(function (area) {
      area.setAttribute('aria-label', 'Editor');
    });
  }
  new MutationObserver(label).observe(root, { childList: true, subtree: true });

  ReactDOM.createRoot(root).render(
    React.createElement(GraphiQL, { fetcher: fetcher, defaultEditorToolsVisibility: 'headers' })
  );
  root.setAttribute('data-ready', 'true');
})();
