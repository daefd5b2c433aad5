// The signed-in user's dashboard on the home page: the grid of widgets comes as JSON from
// /dashboard/data (the API's dashboard, for the page's session), each widget drawn as cards, a table or
// a Chart.js chart in the theme's colours; /dashboard/data/refresh sends back only the widgets whose
// figures changed, asked at once when the stream (/dashboard/data/stream, Server-Sent Events) says a ticket
// changed one of the widgets shown, and every 30 s in case the stream missed it (reconnecting, another
// module's figures). A theme change redraws the charts. The filter bar is generated from
// /dashboard/data/filters (the organization's FILTER configuration); applying it asks
// /dashboard/data/widgets again for the widgets that follow a filter and keeps the filters in the address.
// The plant's page (/production) is the same engine: its grid says data-board="plant", passed on with
// every request, and data-query, the filters the page settled, put in the address before anything reads it.
// The template editor's preview (/dashboards/templates) is a grid with data-preview: the engine's answer for
// a layout not saved yet comes in its data-dashboard, drawn the same way when the page loads or htmx swaps it
// in, and never refreshed.
(function () {
  var PALETTE = ['#2b7cee', '#22c55e', '#f59e0b', '#ef4444', '#a855f7', '#14b8a6', '#ec4899', '#84cc16', '#64748b'];
  var REFRESH_MS = 30000;
  var root;
  var token = '';
  var widgets = {};
  // One refresh at a time: a nudge that comes during one asks for another when it ends.
  var refreshing = false;
  var again = false;

  // A slice keeps its colour from one reload, line or range to the next: it comes from its label, not its rank.
  function sliceColour(key) {
    var hash = 0;
    for (var i = 0; i < key.length; i++) {
      hash = (hash * 31 + key.charCodeAt(i)) | 0;
    }
    return PALETTE[Math.abs(hash) % PALETTE.length];
  }

  function css(name) {
    return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  }

  function english() {
    return document.documentElement.lang === 'en';
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    return node;
  }

  function figure(card) {
    if (card.value === undefined || card.value === null) {
      return '—';
    }
    var locale = english() ? 'en' : 'es';
    if (card.unit === 'ratio') {
      return (card.value * 100).toLocaleString(locale, { maximumFractionDigits: 1 }) + ' %';
    }
    if (card.unit === 'seconds') {
      return Math.round(card.value).toLocaleString(locale) + ' s';
    }
    if (card.unit === 'count') {
      return Math.round(card.value).toLocaleString(locale);
    }
    return card.value.toLocaleString(locale, { maximumFractionDigits: 2 }) + ' ' + card.unit;
  }

  function cards(data) {
    var list = el('div', 'dash-kpis');
    (data.cards || []).forEach(function (card) {
      var item = el('div', 'dash-kpi');
      item.appendChild(el('span', 'dash-kpi-value', figure(card)));
      item.appendChild(el('span', 'dash-kpi-label muted', card.label));
      list.appendChild(item);
    });
    return list;
  }

  function table(data, name) {
    // Scrolls inside its own named, focusable box, like every table of the pages.
    var wrap = el('div', 'table-wrap');
    wrap.setAttribute('role', 'region');
    wrap.setAttribute('tabindex', '0');
    wrap.setAttribute('aria-label', name);
    var grid = el('table', 'table');
    var head = el('tr');
    (data.columns || []).forEach(function (column) { head.appendChild(el('th', null, column)); });
    grid.appendChild(el('thead')).appendChild(head);
    var body = grid.appendChild(el('tbody'));
    (data.rows || []).forEach(function (row) {
      var line = el('tr');
      row.forEach(function (value) { line.appendChild(el('td', null, value)); });
      body.appendChild(line);
    });
    wrap.appendChild(grid);
    if (!data.rows || data.rows.length === 0) {
      wrap.appendChild(el('p', 'muted', english() ? 'Nothing to show.' : 'Nada que mostrar.'));
    }
    return wrap;
  }

  // A half dial from 0 to 100 %: the figure in the theme's primary colour, the rest in its border colour.
  function dial(canvas, widget) {
    var card = (widget.data.cards || [])[0] || {};
    var value = Math.max(0, Math.min(1, card.value || 0));
    new Chart(canvas, {
      type: 'doughnut',
      data: { labels: [card.label, ''], datasets: [{ data: [value, 1 - value], borderWidth: 0,
        backgroundColor: [css('--primary') || PALETTE[0], css('--border')] }] },
      options: { responsive: true, maintainAspectRatio: false, animation: false, rotation: -90,
        circumference: 180, cutout: '70%', plugins: { legend: { display: false }, tooltip: { enabled: false } } }
    });
  }

  function draw(canvas) {
    var widget = widgets[canvas.dataset.position];
    var existing = Chart.getChart(canvas);
    if (existing) {
      existing.destroy();
    }
    if (widget.kind === 'gauge') {
      dial(canvas, widget);
      return;
    }
    var kind = widget.kind === 'line' || widget.kind === 'pie' ? widget.kind : 'bar';
    var muted = css('--muted');
    var grid = css('--border');
    var datasets = (widget.data.datasets || []).map(function (series, i) {
      var colour = i === 0 ? (css('--primary') || PALETTE[0]) : PALETTE[i % PALETTE.length];
      var set = { label: series.label, data: series.data, borderWidth: kind === 'pie' ? 1 : 2 };
      if (kind === 'pie') {
        set.backgroundColor = widget.data.labels.map(function (label) { return sliceColour(String(label)); });
        set.borderColor = css('--surface');
      } else {
        set.borderColor = colour;
        set.backgroundColor = kind === 'line' ? colour + '33' : colour;
        set.tension = 0;
        set.pointRadius = 2;
      }
      return set;
    });
    new Chart(canvas, {
      type: kind,
      data: { labels: widget.data.labels || [], datasets: datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: kind === 'pie' ? {} : {
          x: { ticks: { color: muted, maxRotation: 0, autoSkip: true }, grid: { color: grid } },
          y: { beginAtZero: true, ticks: { color: muted }, grid: { color: grid } }
        },
        plugins: { legend: { display: kind === 'pie' || datasets.length > 1, labels: { color: css('--text') } } }
      }
    });
  }

  function render(widget) {
    widgets[widget.position] = widget;
    var card = el('article', 'card dash-widget w' + widget.width);
    card.dataset.position = widget.position;
    card.dataset.widget = widget.widget;
    card.appendChild(el('h2', null, widget.name));
    if (widget.error) {
      card.appendChild(el('p', 'muted', widget.error));
    } else if (widget.data.note) {
      card.appendChild(el('p', 'muted', widget.data.note));
    } else if (widget.kind === 'gauge') {
      var dialBox = el('div', 'chart dash-gauge');
      var dialCanvas = el('canvas');
      dialCanvas.dataset.position = widget.position;
      dialCanvas.setAttribute('role', 'img');
      dialCanvas.setAttribute('aria-label', widget.name + ': ' + figure((widget.data.cards || [])[0] || {}));
      dialBox.appendChild(dialCanvas);
      card.appendChild(dialBox);
      card.appendChild(cards(widget.data));
    } else if (widget.kind === 'kpi_cards') {
      card.appendChild(cards(widget.data));
    } else if (widget.kind === 'table') {
      card.appendChild(table(widget.data, widget.name));
    } else {
      var box = el('div', 'chart');
      var canvas = el('canvas');
      canvas.dataset.position = widget.position;
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', widget.name);
      box.appendChild(canvas);
      card.appendChild(box);
    }
    return card;
  }

  function drawCharts(scope) {
    if (typeof Chart !== 'undefined') {
      scope.querySelectorAll('canvas[data-position]').forEach(draw);
    }
  }

  // The address's filters, and the board when the page is not the caller's own dashboard.
  function query() {
    var params = new URLSearchParams(window.location.search);
    if (root.dataset.board) {
      params.set('board', root.dataset.board);
    }
    return params.toString();
  }

  function load() {
    fetch(root.dataset.source + (query() ? '?' + query() : ''), { headers: { Accept: 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (dashboard) {
        token = dashboard.token;
        root.replaceChildren();
        dashboard.widgets.forEach(function (widget) { root.appendChild(render(widget)); });
        root.setAttribute('aria-busy', 'false');
        drawCharts(root);
      })
      .catch(function () { root.setAttribute('aria-busy', 'false'); });
  }

  function refresh() {
    if (!token || document.hidden) {
      return;
    }
    if (refreshing) {
      again = true;
      return;
    }
    refreshing = true;
    var params = 'since=' + encodeURIComponent(token) + (query() ? '&' + query() : '');
    fetch(root.dataset.source + '/refresh?' + params, { headers: { Accept: 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (dashboard) {
        if (dashboard.complete) {
          load();
          return;
        }
        token = dashboard.token;
        dashboard.widgets.forEach(function (widget) {
          var old = root.querySelector('[data-position="' + widget.position + '"].dash-widget');
          var fresh = render(widget);
          if (old) {
            old.replaceWith(fresh);
          }
          drawCharts(fresh);
        });
      })
      .catch(function () {})
      .then(function () {
        refreshing = false;
        if (again) {
          again = false;
          refresh();
        }
      });
  }

  // The stream names the widgets a change may have moved; only a dashboard showing one of them refreshes.
  function listen() {
    if (!root.dataset.stream || typeof EventSource === 'undefined') {
      return;
    }
    var source = new EventSource(root.dataset.stream);
    source.addEventListener('ready', function () { root.dataset.live = 'true'; });
    source.addEventListener('error', function () { root.dataset.live = 'false'; });
    source.addEventListener('changed', function (event) {
      var named = JSON.parse(event.data).widgets || [];
      var shown = Object.keys(widgets).some(function (position) {
        return named.indexOf(widgets[position].widget) >= 0;
      });
      if (shown) {
        refresh();
      }
    });
  }

  function field(label, control) {
    var wrap = el('label', null, label);
    wrap.appendChild(control);
    return wrap;
  }

  function filterBar(form) {
    var current = new URLSearchParams(window.location.search);
    fetch(form.dataset.source, { headers: { Accept: 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (bar) {
        if (!bar.filters.length) {
          return;
        }
        bar.filters.forEach(function (filter) {
          if (filter.type === 'daterange') {
            ['from', 'to'].forEach(function (name) {
              var label = filter.label + ' · ' + (name === 'from' ? filter.from_label : filter.to_label);
              var input = el('input');
              input.type = 'date';
              input.name = name;
              input.value = current.get(name) || '';
              form.appendChild(field(label, input));
              // Seed 002's show_time: the range may start and end within its days.
              if (filter.show_time) {
                var time = el('input');
                time.type = 'time';
                time.name = name + '_time';
                time.value = current.get(name + '_time') || '';
                form.appendChild(field(label + ' · ' + filter.time_label, time));
              }
            });
            return;
          }
          var select = el('select');
          select.name = filter.param;
          select.appendChild(el('option', null, filter.all_label)).value = '';
          filter.options.forEach(function (option) {
            var item = el('option', null, option.label);
            item.value = option.value;
            item.selected = current.get(filter.param) === option.value;
            select.appendChild(item);
          });
          form.appendChild(field(filter.label, select));
        });
        var apply = el('button', 'primary', form.dataset.apply);
        apply.type = 'submit';
        var clear = el('button', null, form.dataset.clear);
        clear.type = 'button';
        clear.addEventListener('click', function () {
          form.querySelectorAll('select, input').forEach(function (control) { control.value = ''; });
          applyFilters(form);
        });
        form.appendChild(apply);
        form.appendChild(clear);
        form.hidden = false;
      })
      .catch(function () {});
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      applyFilters(form);
    });
  }

  // Only the widgets that follow a filter are asked again, each put back in its own place.
  function applyFilters(form) {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (value) {
        params.set(name, value);
      }
    });
    history.replaceState(null, '', window.location.pathname + (params.toString() ? '?' + params : ''));
    var codes = [];
    Object.keys(widgets).forEach(function (position) {
      var widget = widgets[position];
      if (widget.filters && widget.filters.length && codes.indexOf(widget.widget) < 0) {
        codes.push(widget.widget);
      }
    });
    if (!codes.length) {
      return;
    }
    params.set('types', codes.join(','));
    if (root.dataset.board) {
      params.set('board', root.dataset.board);
    }
    root.setAttribute('aria-busy', 'true');
    fetch(root.dataset.source + '/widgets?' + params, { headers: { Accept: 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (answer) {
        answer.widgets.forEach(function (widget) {
          root.querySelectorAll('.dash-widget[data-widget="' + widget.widget + '"]').forEach(function (old) {
            var placed = Object.assign({}, widgets[old.dataset.position], { data: widget.data, error: widget.error });
            var fresh = render(placed);
            old.replaceWith(fresh);
            drawCharts(fresh);
          });
        });
        root.setAttribute('aria-busy', 'false');
        root.dispatchEvent(new CustomEvent('dashboard-filtered'));
      })
      .catch(function () { root.setAttribute('aria-busy', 'false'); });
  }

  function preview(scope) {
    var section = scope.matches && scope.matches('[data-preview]') ? scope
      : scope.querySelector && scope.querySelector('[data-preview]');
    if (!section || section.dataset.drawn) {
      return;
    }
    section.dataset.drawn = 'true';
    root = section;
    widgets = {};
    var dashboard = JSON.parse(section.dataset.dashboard);
    section.replaceChildren();
    dashboard.widgets.forEach(function (widget) { section.appendChild(render(widget)); });
    section.setAttribute('aria-busy', 'false');
    drawCharts(section);
  }

  document.addEventListener('DOMContentLoaded', function () {
    new MutationObserver(function () {
      if (root) {
        drawCharts(root);
      }
    }).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    // A preview swapped in by htmx takes the focus, or the form's error summary when the layout was refused,
    // so a screen reader hears what came back.
    document.addEventListener('htmx:load', function (event) {
      var scope = event.detail.elt;
      preview(scope);
      var answer = scope.querySelector && scope.querySelector('[data-preview-box], #error-summary');
      if (answer) {
        answer.focus();
      }
    });
    preview(document);
    if (!document.getElementById('dashboard')) {
      return;
    }
    root = document.getElementById('dashboard');
    if (root.dataset.query !== undefined) {
      history.replaceState(null, '', window.location.pathname + (root.dataset.query ? '?' + root.dataset.query : ''));
    }
    root.addEventListener('dashboard-refresh', refresh);
    var form = document.getElementById('dash-filters');
    if (form) {
      filterBar(form);
    }
    load();
    listen();
    setInterval(refresh, REFRESH_MS);
  });
})();
