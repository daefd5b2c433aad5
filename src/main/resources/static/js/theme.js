// Runs before the page paints so a light-theme user never sees a dark flash.
(function () {
  var theme = localStorage.getItem('turno-theme');
  if (theme === 'light' || theme === 'dark') {
    document.documentElement.setAttribute('data-theme', theme);
  }
})();
