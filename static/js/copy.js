// Progressive enhancement for read-only fields to copy: the page's address ("Bu sayfanın
// bağlantısını kopyala", input[data-copy]) and the domain check's records
// (textarea[data-copy-record]). Each field works on its own (select, then copy); with
// JavaScript a "Kopyala" button copies the value in one click and says what happened.
(function () {
  "use strict";

  function copyText(field) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(field.value);
    }
    field.select();
    return document.execCommand("copy") ? Promise.resolve() : Promise.reject(new Error("copy"));
  }

  function enhance(field, options) {
    var button = document.createElement("button");
    var status = document.createElement("p");
    button.type = "button";
    button.className = options.buttonClass;
    button.textContent = "Kopyala";
    status.className = "share__status";
    status.setAttribute("role", "status");
    if (options.row) {
      var row = document.createElement("div");
      row.className = "share__row";
      field.parentNode.insertBefore(row, field);
      row.appendChild(field);
      row.appendChild(button);
      row.parentNode.insertBefore(status, row.nextSibling);
    } else {
      field.parentNode.insertBefore(button, field.nextSibling);
      button.parentNode.insertBefore(status, button.nextSibling);
    }
    field.addEventListener("focus", function () {
      field.select();
    });
    button.addEventListener("click", function () {
      copyText(field).then(
        function () {
          status.textContent = options.copied;
        },
        function () {
          field.select();
          status.textContent = options.failed;
        }
      );
    });
  }

  document.querySelectorAll("input[data-copy]").forEach(function (input) {
    enhance(input, {
      row: true,
      buttonClass: "button",
      copied: "Bağlantı kopyalandı.",
      failed: "Kopyalanamadı; seçili bağlantıyı Ctrl+C ile kopyalayın."
    });
  });
  document.querySelectorAll("textarea[data-copy-record]").forEach(function (field) {
    enhance(field, {
      row: false,
      buttonClass: "button record__copy",
      copied: "Kayıt kopyalandı.",
      failed: "Kopyalanamadı; seçili kaydı Ctrl+C ile kopyalayın."
    });
  });
})();
