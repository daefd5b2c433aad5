// The receipt's print button (no inline scripts: the CSP forbids them).
document.addEventListener('DOMContentLoaded', function () {
  var button = document.getElementById('print-receipt');
  if (button) {
    button.addEventListener('click', function () {
      window.print();
    });
  }
});
