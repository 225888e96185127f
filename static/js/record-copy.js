// Progressive enhancement for the domain check's records: the read-only field works on its
// own (select, then copy); with JavaScript a "Kopyala" button copies the value in one click.
(function () {
  "use strict";

  function copyText(field) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(field.value);
    }
    field.select();
    return document.execCommand("copy") ? Promise.resolve() : Promise.reject(new Error("copy"));
  }

  document.querySelectorAll("textarea[data-copy-record]").forEach(function (field) {
    var button = document.createElement("button");
    var status = document.createElement("p");
    button.type = "button";
    button.className = "button record__copy";
    button.textContent = "Kopyala";
    status.className = "share__status";
    status.setAttribute("role", "status");
    field.parentNode.insertBefore(button, field.nextSibling);
    button.parentNode.insertBefore(status, button.nextSibling);

    field.addEventListener("focus", function () {
      field.select();
    });
    button.addEventListener("click", function () {
      copyText(field).then(
        function () {
          status.textContent = "Kayıt kopyalandı.";
        },
        function () {
          field.select();
          status.textContent = "Kopyalanamadı; seçili kaydı Ctrl+C ile kopyalayın.";
        }
      );
    });
  });
})();
