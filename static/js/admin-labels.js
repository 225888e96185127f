// The admin's autocomplete widget (select2) adds a search box without a label; give it the
// label of the field it belongs to, so screen readers name it (axe: "label").
(function () {
  "use strict";
  function labelSearchBoxes() {
    document.querySelectorAll(".select2-container").forEach(function (container) {
      var select = container.previousElementSibling;
      var box = container.querySelector(".select2-search__field");
      if (!select || !box || !select.id) {
        return;
      }
      var label = document.querySelector('label[for="' + select.id + '"]');
      if (label) {
        box.setAttribute("aria-label", label.textContent.replace(/:\s*$/, "").trim() + ": ara");
      }
    });
  }
  window.addEventListener("load", function () {
    labelSearchBoxes();
    new MutationObserver(labelSearchBoxes).observe(document.body, { childList: true, subtree: true });
  });
})();
