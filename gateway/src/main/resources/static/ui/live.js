// Live member changes on the association's page: reads the page's server-sent events (LiveMemberChanges) and lists
// each change as it arrives. No library; the page works without it (the figures are the server's, on reload).
document.addEventListener('DOMContentLoaded', function () {
  var section = document.querySelector('[data-live-url]');
  if (!section || !window.EventSource) {
    return;
  }
  var list = section.querySelector('#live-changes');
  var status = section.querySelector('#live-status');
  var source = new EventSource(section.getAttribute('data-live-url'));
  source.addEventListener('open', function (event) {
    status.textContent = JSON.parse(event.data).text;
    section.setAttribute('data-live-state', 'open');
    section.hidden = false;
  });
  source.addEventListener('change', function (event) {
    var item = document.createElement('li');
    item.textContent = JSON.parse(event.data).text;
    list.insertBefore(item, list.firstChild);
    section.hidden = false;
  });
  source.addEventListener('ended', function (event) {
    status.textContent = JSON.parse(event.data).text;
    section.setAttribute('data-live-state', 'ended');
    section.hidden = false;
    source.close();
  });
});
