// Type-ahead for the search box: fills the box's <datalist> with matching titles from
// /api/v2/search/suggest/. Without JavaScript the form works as before.
(function () {
  "use strict";
  var input = document.getElementById("search-query");
  if (!input || !window.fetch) { return; }
  var list = document.getElementById(input.getAttribute("list"));
  var timer = null;
  var lastPrefix = "";
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      var prefix = input.value.trim();
      if (prefix.length < 2 || prefix === lastPrefix) { return; }
      lastPrefix = prefix;
      var url = input.dataset.suggestUrl + "?q=" + encodeURIComponent(prefix) +
        "&locale=" + encodeURIComponent(input.dataset.locale);
      window.fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { items: [] }; })
        .then(function (data) {
          list.textContent = "";
          data.items.forEach(function (item) {
            var option = document.createElement("option");
            option.value = item.title;
            list.appendChild(option);
          });
        })
        .catch(function () { list.textContent = ""; });
    }, 150);
  });
}());
