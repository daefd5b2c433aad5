// TV board: redraws "now serving" and the next numbers at every 'board' event of the branch's
// stream (the page session's cookie authenticates it); the newest call, or a recall, blinks.
document.addEventListener('DOMContentLoaded', function () {
  var main = document.querySelector('main.board[data-stream]');
  if (!main || !window.EventSource) {
    return;
  }
  var serving = document.getElementById('serving');
  var empty = document.getElementById('serving-empty');
  var queues = document.getElementById('queues');
  var live = document.getElementById('live');
  var waitingLabel = main.getAttribute('data-label-waiting') || '{0}';
  var known = {};
  // When each call's blink started: a redraw for another event goes on with it instead of stopping it.
  var blinkStarted = {};
  var BLINK_MS = 8000; // queueing.css: turno-call, 1 s, 8 times
  serving.querySelectorAll('li[data-key]').forEach(function (li) { known[li.getAttribute('data-key')] = true; });

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function drawServing(list) {
    var rows = list.filter(function (s) { return s.number; });
    // The newest call first; a ticket recalled since the last event counts as the newest.
    var fresh = null;
    var latest = null;
    rows.forEach(function (s) {
      var key = s.number + '/' + (s.recalls || 0);
      if (!known[key]) { fresh = s; }
      if (!latest || (s.called_at || '') > (latest.called_at || '')) { latest = s; }
    });
    var highlight = fresh || latest;
    var next = {};
    serving.replaceChildren();
    rows.forEach(function (s) {
      var key = s.number + '/' + (s.recalls || 0);
      next[key] = true;
      var li = el('li', 'serving-item');
      li.setAttribute('data-key', key);
      li.appendChild(el('span', 'serving-number', s.number));
      var arrow = el('span', 'serving-arrow', '→');
      arrow.setAttribute('aria-hidden', 'true');
      li.appendChild(arrow);
      li.appendChild(el('span', 'serving-desk', s.desk_name));
      if (s === highlight) {
        li.classList.add('latest');
        if (s === fresh) { blinkStarted = {}; blinkStarted[key] = Date.now(); }
        var blinking = Date.now() - (blinkStarted[key] || -BLINK_MS);
        if (blinking < BLINK_MS) {
          li.classList.add('blink');
          li.style.animationDelay = (-blinking) + 'ms';
        }
      }
      serving.appendChild(li);
    });
    known = next;
    empty.classList.toggle('hidden', rows.length > 0);
  }

  function drawQueues(list) {
    queues.replaceChildren();
    list.forEach(function (w) {
      var card = el('article', 'queue-card');
      var title = el('h3');
      title.appendChild(el('span', 'badge', w.prefix));
      title.appendChild(document.createTextNode(' '));
      title.appendChild(el('span', null, w.queue_name));
      card.appendChild(title);
      card.appendChild(el('p', 'queue-count', waitingLabel.replace('{0}', String(w.waiting))));
      var next = el('ol', 'queue-next');
      (w.next || []).forEach(function (n) { next.appendChild(el('li', null, n)); });
      card.appendChild(next);
      queues.appendChild(card);
    });
  }

  var source = new EventSource(main.getAttribute('data-stream'));
  source.addEventListener('board', function (event) {
    var board = JSON.parse(event.data);
    drawServing(board.now_serving || []);
    drawQueues(board.waiting || []);
    main.setAttribute('data-updated', board.updated_at || '');
    if (live) { live.classList.add('on'); }
  });
  source.addEventListener('error', function () {
    if (live) { live.classList.remove('on'); }
    // The browser retries a dropped connection by itself; a refused one (the server restarted
    // without this session, the session ended) closes the stream: reload, which shows the board
    // again or the sign-in page for staff to see.
    if (source.readyState === EventSource.CLOSED) {
      setTimeout(function () { window.location.reload(); }, 10000);
    }
  });
  window.addEventListener('pagehide', function () { source.close(); });
});
