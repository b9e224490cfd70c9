// A search box over a long checkbox list in the admin (home/choosers.py,
// LocalizedCheckboxes). The box is hidden in the markup so that without the script the
// plain list remains; delegation on the document also covers forms added later.
(() => {
  const fold = (text) => text.toLocaleLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/ß/g, "ss");

  const reveal = () => {
    document.querySelectorAll("[data-choice-filter-input][hidden]").forEach((input) => {
      input.hidden = false;
    });
  };

  document.addEventListener("input", (event) => {
    const input = event.target.closest("[data-choice-filter-input]");
    if (!input) return;
    const query = fold(input.value.trim());
    const list = input.closest("[data-choice-filter]");
    list.querySelectorAll("label").forEach((label) => {
      const row = label.parentElement.tagName === "DIV" ? label.parentElement : label;
      row.hidden = query !== "" && !fold(label.textContent).includes(query);
    });
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", reveal);
  } else {
    reveal();
  }
})();
