// A live character count under every text field with a limit in the admin's editors
// (home/wagtail_hooks.py): Wagtail counts rich text only, so a summary's 600 characters
// were a surprise at saving time. The counter is tied to its field by aria-describedby
// rather than announced on each keystroke; the wording comes translated from the server.
(function () {
  "use strict";
  var script = document.currentScript;
  var template = (script && script.dataset.template) || "%(count)s / %(max)s";

  function describe(field, counter) {
    var ids = (field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    if (ids.indexOf(counter.id) === -1) {
      ids.push(counter.id);
      field.setAttribute("aria-describedby", ids.join(" "));
    }
  }

  function attach(field) {
    if (field.dataset.characterCount || !field.id) return;
    var max = parseInt(field.getAttribute("maxlength"), 10);
    if (!max) return;
    field.dataset.characterCount = "on";
    var counter = document.createElement("p");
    counter.id = field.id + "-character-count";
    counter.className = "character-count";
    var update = function () {
      var count = field.value.length;
      counter.textContent = template.replace("%(count)s", count).replace("%(max)s", max);
      counter.classList.toggle("character-count--near", count >= max * 0.9);
    };
    field.insertAdjacentElement("afterend", counter);
    describe(field, counter);
    field.addEventListener("input", update);
    update();
  }

  function attachAll(root) {
    root.querySelectorAll("input[maxlength]:not([type=hidden]), textarea[maxlength]")
      .forEach(attach);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-edit-form], #page-edit-form, form.w-form");
    if (!form) return;
    attachAll(form);
    // Fields that appear later (a new inline item) get a counter too.
    new MutationObserver(function () { attachAll(form); })
      .observe(form, { childList: true, subtree: true });
  });
})();
