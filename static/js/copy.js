// Progressive enhancement for "Bu sayfanın bağlantısını kopyala": the read-only field works
// on its own; with JavaScript a "Kopyala" button copies the address in one click.
(function () {
  "use strict";

  function copyText(input) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(input.value);
    }
    input.select();
    return document.execCommand("copy") ? Promise.resolve() : Promise.reject(new Error("copy"));
  }

  document.querySelectorAll("input[data-copy]").forEach(function (input) {
    var button = document.createElement("button");
    var status = document.createElement("p");
    var row = document.createElement("div");
    button.type = "button";
    button.className = "button";
    button.textContent = "Kopyala";
    status.className = "share__status";
    status.setAttribute("role", "status");
    row.className = "share__row";
    input.parentNode.insertBefore(row, input);
    row.appendChild(input);
    row.appendChild(button);
    row.parentNode.insertBefore(status, row.nextSibling);

    input.addEventListener("focus", function () {
      input.select();
    });
    button.addEventListener("click", function () {
      copyText(input).then(
        function () {
          status.textContent = "Bağlantı kopyalandı.";
        },
        function () {
          input.select();
          status.textContent = "Kopyalanamadı; seçili bağlantıyı Ctrl+C ile kopyalayın.";
        }
      );
    });
  });
})();
