// The menu: loaded in <head> (not deferred) so the "js" class is there before the page paints, and a
// narrow screen never flashes the whole menu before it folds behind its button. Without scripts the
// menu stays open and its sections still open and close (they are <details>).
(function () {
  document.documentElement.classList.add('js');

  document.addEventListener('DOMContentLoaded', function () {
    var nav = document.getElementById('site-menu');
    var toggle = document.getElementById('menu-toggle');
    if (!nav) {
      return;
    }
    var menus = Array.prototype.slice.call(nav.querySelectorAll('details.nav-menu'));

    function closeMenus(except) {
      menus.forEach(function (menu) {
        if (menu !== except) {
          menu.open = false;
        }
      });
    }

    function setPanel(open) {
      nav.classList.toggle('open', open);
      toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
      // Opened, the panel shows where the page is: its section unfolds.
      var current = nav.querySelector('details.nav-menu.current');
      if (open && current) {
        current.open = true;
      }
    }

    // One section open at a time; a list that would leave the screen opens towards the left.
    menus.forEach(function (menu) {
      menu.addEventListener('toggle', function () {
        if (!menu.open) {
          return;
        }
        closeMenus(menu);
        var list = menu.querySelector('ul');
        menu.classList.remove('align-end');
        if (list.getBoundingClientRect().right > document.documentElement.clientWidth) {
          menu.classList.add('align-end');
        }
      });
    });

    if (toggle) {
      toggle.addEventListener('click', function () {
        setPanel(toggle.getAttribute('aria-expanded') !== 'true');
      });
    }

    // Escape folds the innermost open thing and gives the focus back to what opened it.
    document.addEventListener('keydown', function (event) {
      if (event.key !== 'Escape') {
        return;
      }
      var open = menus.filter(function (menu) { return menu.open; })[0];
      var panelOpen = toggle && toggle.getAttribute('aria-expanded') === 'true';
      if (open && (!panelOpen || open.contains(document.activeElement))) {
        open.open = false;
        open.querySelector('summary').focus();
      } else if (panelOpen) {
        setPanel(false);
        toggle.focus();
      }
    });

    // A click elsewhere folds an open section (the drop-down of a wide screen).
    document.addEventListener('click', function (event) {
      menus.forEach(function (menu) {
        if (menu.open && !menu.contains(event.target) && !(toggle && toggle.contains(event.target))
            && getComputedStyle(menu.querySelector('ul')).position === 'absolute') {
          menu.open = false;
        }
      });
    });
  });
})();
