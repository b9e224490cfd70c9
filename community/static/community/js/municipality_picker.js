/* The municipality picker as an autocomplete (ARIA 1.2 combobox with a list box).
 * Without this script the field works through a search step (the form comes back with
 * the matches as radio buttons); with it, suggestions come from the server as the
 * person types, the arrow keys move through them, Enter or a click chooses one, Escape
 * closes the list. The chosen id goes in a hidden field under the field's name. */
(function () {
  "use strict";

  function enhance(picker) {
    var input = picker.querySelector(".municipality-picker__search input[type=text]");
    var name = picker.getAttribute("data-field-name");
    var url = picker.getAttribute("data-suggestions-url");
    var checked = picker.querySelector("input[type=radio]:checked");
    var listId = input.id + "_suggestions";
    var hidden = document.createElement("input");
    hidden.type = "hidden";
    hidden.name = name;
    hidden.value = checked ? checked.value : "";
    var chosenLabel = checked ? input.value : "";
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "municipality-picker__listbox";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", picker.getAttribute("data-list-label"));
    list.hidden = true;
    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    // The search step's parts are for people without this script.
    picker.querySelectorAll(".municipality-picker__find, .municipality-picker__matches")
      .forEach(function (part) { part.remove(); });
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    picker.append(hidden, list, status);

    var options = [];
    var active = -1;
    var timer = null;
    var asked = "";

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function mark(index) {
      options.forEach(function (option, n) {
        option.setAttribute("aria-selected", n === index ? "true" : "false");
      });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(option) {
      hidden.value = option.getAttribute("data-id");
      input.value = chosenLabel = option.textContent;
      status.textContent = picker.getAttribute("data-text-chosen").replace("%s", input.value);
      close();
    }

    function show(results) {
      list.replaceChildren();
      options = results.map(function (result, n) {
        var option = document.createElement("li");
        option.id = listId + "_" + n;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.setAttribute("data-id", result.id);
        option.textContent = result.label;
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();  // keep the focus in the field
          choose(option);
        });
        list.append(option);
        return option;
      });
      active = -1;
      list.hidden = options.length === 0;
      input.setAttribute("aria-expanded", options.length ? "true" : "false");
      status.textContent = options.length
        ? picker.getAttribute("data-text-count").replace("%s", options.length)
        : picker.getAttribute("data-text-none");
    }

    function ask() {
      var query = input.value.trim();
      if (!query) { show([]); return; }
      asked = query;
      fetch(url + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (asked === query) { show(data.results || []); } })
        .catch(function () { show([]); });
    }

    input.addEventListener("input", function () {
      if (input.value !== chosenLabel) { hidden.value = ""; }
      clearTimeout(timer);
      timer = setTimeout(ask, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (list.hidden) { if (options.length) { list.hidden = false; input.setAttribute("aria-expanded", "true"); } return; }
        event.preventDefault();
        var step = event.key === "ArrowDown" ? 1 : -1;
        mark((active + step + options.length) % options.length);
      } else if (event.key === "Enter" && !list.hidden && active >= 0) {
        event.preventDefault();  // choosing, not sending the form
        choose(options[active]);
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", close);
  }

  document.querySelectorAll("[data-municipality-picker]").forEach(enhance);
})();
