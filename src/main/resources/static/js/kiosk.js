// Kiosk: a step left untouched returns to the start (data-return-after seconds, data-return-to);
// any touch or key press restarts the count.
document.addEventListener('DOMContentLoaded', function () {
  var main = document.querySelector('main[data-return-after]');
  if (!main) {
    return;
  }
  var seconds = parseInt(main.getAttribute('data-return-after'), 10);
  var target = main.getAttribute('data-return-to');
  if (!(seconds > 0) || !target) {
    return;
  }
  var timer;
  function arm() {
    clearTimeout(timer);
    timer = setTimeout(function () { window.location.assign(target); }, seconds * 1000);
  }
  ['pointerdown', 'keydown', 'input'].forEach(function (type) {
    document.addEventListener(type, arm, { passive: true });
  });
  arm();
});
