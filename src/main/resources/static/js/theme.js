// Runs before the page paints so a light-theme user never sees a dark flash. A theme the user picked
// (stored by the toggle) wins; without one, the system's prefers-color-scheme decides, live.
(function () {
  var root = document.documentElement;
  var system = window.matchMedia('(prefers-color-scheme: light)');
  function apply() {
    var chosen = localStorage.getItem('turno-theme');
    if (chosen === 'light' || chosen === 'dark') {
      root.setAttribute('data-theme', chosen);
    } else {
      root.setAttribute('data-theme', system.matches ? 'light' : 'dark');
    }
  }
  apply();
  system.addEventListener('change', apply);
})();
