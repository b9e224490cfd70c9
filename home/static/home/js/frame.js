// The site frame's enhancements; every part works without them.
// - The header menu and a listing's filters (both <details>) stay open from 768 px on,
//   where they are a row and a column, and close again on phones.
// - The navigation's section menus (also <details>) close when another opens, on Escape,
//   and on a click elsewhere, as menus do.
(function () {
  "use strict";
  var menu = document.querySelector("[data-site-menu]");
  var wide = window.matchMedia("(min-width: 768px)");
  var filters = document.querySelector("[data-filters]");
  function fitMenu() {
    if (menu) { menu.open = wide.matches; }
    if (filters) { filters.open = wide.matches; }
  }
  fitMenu();
  if (wide.addEventListener) { wide.addEventListener("change", fitMenu); }

  var groups = Array.prototype.slice.call(document.querySelectorAll("[data-nav-group]"));
  groups.forEach(function (group) {
    group.addEventListener("toggle", function () {
      if (!group.open) { return; }
      groups.forEach(function (other) { if (other !== group) { other.open = false; } });
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    groups.forEach(function (group) {
      if (group.open) {
        group.open = false;
        group.querySelector("summary").focus();
      }
    });
  });
  document.addEventListener("click", function (event) {
    groups.forEach(function (group) {
      if (group.open && !group.contains(event.target)) { group.open = false; }
    });
  });
}());
