// The FAQ page's questions as disclosure buttons (WAI-ARIA APG "disclosure" pattern).
//
// The server renders every question as an h3 followed by its answer, all visible, so the
// page works without JavaScript. Here each heading's text moves into a <button> inside
// the heading (the heading stays a heading for screen readers), and the answers are
// hidden "until found": the browser's find-in-page still reveals them.
(function () {
  "use strict";

  function setOpen(button, answer, open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) {
      answer.removeAttribute("hidden");
    } else {
      answer.setAttribute("hidden", "until-found");
    }
  }

  function enhance(heading) {
    var answer = document.getElementById(heading.getAttribute("data-faq-answer"));
    if (!answer) {
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "faq__toggle";
    button.setAttribute("aria-controls", answer.id);
    while (heading.firstChild) {
      button.appendChild(heading.firstChild);
    }
    heading.appendChild(button);
    var linked = window.location.hash === "#" + heading.id;
    setOpen(button, answer, linked);
    button.addEventListener("click", function () {
      setOpen(button, answer, button.getAttribute("aria-expanded") !== "true");
    });
    // Find-in-page opened the answer: say so.
    answer.addEventListener("beforematch", function () {
      button.setAttribute("aria-expanded", "true");
    });
  }

  function start() {
    var headings = document.querySelectorAll("[data-faq-answer]");
    for (var i = 0; i < headings.length; i += 1) {
      enhance(headings[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
