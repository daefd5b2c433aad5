// Queue statistics: each canvas becomes a Chart.js bar chart from its data-chart JSON
// ({labels, series: [{key, values}]}), the series named by data-names ("A|B"), a label without a
// name by data-none; drawn again when the theme changes. The tables beside them hold the same figures.
(function () {
  function css(name) {
    return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  }

  function draw(canvas) {
    var existing = Chart.getChart(canvas);
    if (existing) {
      existing.destroy();
    }
    var data = JSON.parse(canvas.dataset.chart);
    var names = (canvas.dataset.names || '').split('|');
    var colours = [css('--primary') || '#2b7cee', '#f59e0b'];
    var muted = css('--muted');
    var grid = css('--border');
    var labels = data.labels.map(function (label) { return label === null ? (canvas.dataset.none || '—') : label; });
    new Chart(canvas, {
      type: 'bar',
      data: {
        labels: labels,
        datasets: data.series.map(function (series, i) {
          return { label: names[i] || series.key, data: series.values, backgroundColor: colours[i % colours.length] };
        })
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: { ticks: { color: muted, maxRotation: 0, autoSkip: true }, grid: { color: grid } },
          y: { beginAtZero: true, ticks: { color: muted }, grid: { color: grid } }
        },
        plugins: { legend: { labels: { color: css('--text') } } }
      }
    });
  }

  function drawAll() {
    if (typeof Chart === 'undefined') {
      return;
    }
    document.querySelectorAll('canvas[data-chart]').forEach(draw);
  }

  document.addEventListener('DOMContentLoaded', function () {
    drawAll();
    new MutationObserver(drawAll)
      .observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  });
})();
