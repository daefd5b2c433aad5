// The plant dashboard: changing the line or the shift applies the filters at once; the panel's
// canvases become Chart.js charts from their data-chart JSON, drawn again when htmx reloads the
// panel and when the theme changes.
(function () {
  var PALETTE = ['#2b7cee', '#22c55e', '#f59e0b', '#ef4444', '#a855f7', '#14b8a6', '#ec4899', '#84cc16', '#64748b'];

  // A product keeps its colour from one reload or range to the next: it comes from its code, not its rank.
  function colour(key) {
    var hash = 0;
    for (var i = 0; i < key.length; i++) {
      hash = (hash * 31 + key.charCodeAt(i)) | 0;
    }
    return PALETTE[Math.abs(hash) % PALETTE.length];
  }

  function css(name) {
    return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  }

  function draw(canvas) {
    var existing = Chart.getChart(canvas);
    if (existing) {
      existing.destroy();
    }
    var data = JSON.parse(canvas.dataset.chart);
    var kind = canvas.dataset.kind;
    var text = css('--text');
    var muted = css('--muted');
    var grid = css('--border');
    var primary = css('--primary') || PALETTE[0];
    var dataset = { data: data.values, borderWidth: kind === 'pie' ? 1 : 2 };
    if (kind === 'line') {
      dataset.borderColor = primary;
      dataset.backgroundColor = primary + '33';
      dataset.fill = true;
      dataset.tension = 0; // straight segments: a smoothed line shows values that were never measured
      dataset.pointRadius = 2;
    } else if (kind === 'pie') {
      var keys = data.keys || data.labels;
      dataset.backgroundColor = keys.map(function (key) { return colour(String(key)); });
      dataset.borderColor = css('--surface');
    } else {
      dataset.backgroundColor = data.labels.map(function (label) { return label === data.current ? primary : muted; });
    }
    var axes = kind === 'pie' ? {} : {
      x: { ticks: { color: muted, maxRotation: 0, autoSkip: true }, grid: { color: grid } },
      y: { beginAtZero: true, ticks: { color: muted, precision: 0 }, grid: { color: grid } }
    };
    new Chart(canvas, {
      type: kind,
      data: { labels: data.labels, datasets: [dataset] },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: axes,
        plugins: {
          legend: { display: kind === 'pie', position: 'right', labels: { color: text } }
        }
      }
    });
  }

  function drawAll(root) {
    if (typeof Chart === 'undefined') {
      return;
    }
    root.querySelectorAll('canvas[data-chart]').forEach(draw);
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('#plant-filters select.auto-submit').forEach(function (select) {
      select.addEventListener('change', function () { select.form.requestSubmit(); });
    });
    drawAll(document);
    new MutationObserver(function () { drawAll(document); })
      .observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  });

  // A reload would throw away a reason being typed: skip it while the panel has the focus.
  document.addEventListener('htmx:beforeRequest', function (event) {
    var panel = document.getElementById('plant-panel');
    if (panel && event.detail.elt === panel && panel.contains(document.activeElement)
        && document.activeElement.matches('input, textarea, select')) {
      event.preventDefault();
    }
  });

  // Before the panel is replaced: its charts are released, and the style Chart.js gave each canvas
  // is removed, or htmx would copy it onto the new canvas of the same id as an inline style (which
  // the CSP refuses).
  document.addEventListener('htmx:beforeSwap', function (event) {
    if (event.detail.target && event.detail.target.id === 'plant-panel') {
      event.detail.target.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
        var chart = Chart.getChart(canvas);
        if (chart) {
          chart.destroy();
        }
        canvas.removeAttribute('style');
      });
    }
  });

  document.addEventListener('htmx:afterSettle', function (event) {
    var panel = document.getElementById('plant-panel');
    if (panel) {
      drawAll(panel);
    }
  });
})();
