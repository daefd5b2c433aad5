// Desk console: the branch's queue counts follow the board stream of the desk's branch.
document.addEventListener('DOMContentLoaded', function () {
  var main = document.querySelector('main.desk-console[data-stream]');
  if (!main || !window.EventSource) {
    return;
  }
  var live = document.getElementById('live');
  var source = new EventSource(main.getAttribute('data-stream'));
  source.addEventListener('board', function (event) {
    var board = JSON.parse(event.data);
    (board.waiting || []).forEach(function (w) {
      var row = document.querySelector('#queue-counts tr[data-queue="' + w.queue_id + '"]');
      if (!row) {
        return;
      }
      row.querySelector('.count').textContent = String(w.waiting);
      row.querySelector('.next').textContent = (w.next || []).join(' · ');
    });
    main.setAttribute('data-updated', board.updated_at || '');
    if (live) { live.classList.add('on'); }
  });
  source.addEventListener('error', function () {
    if (live) { live.classList.remove('on'); }
  });
  // Leaving the page closes the stream at once rather than when the server next writes.
  window.addEventListener('pagehide', function () { source.close(); });
});
