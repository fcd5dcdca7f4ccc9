// Share bar: copy the link and open the device's share sheet. Plain links work without it.
(function () {
  "use strict";

  function announce(bar, message) {
    var status = bar.querySelector(".share-bar__status");
    if (status) status.textContent = message;
  }

  function copyWithSelection(text) {
    // Fallback for browsers without the asynchronous clipboard (or outside HTTPS).
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.style.position = "fixed";
    field.style.opacity = "0";
    document.body.appendChild(field);
    field.select();
    var done = false;
    try { done = document.execCommand("copy"); } catch (e) { done = false; }
    document.body.removeChild(field);
    return done;
  }

  document.querySelectorAll(".share-bar").forEach(function (bar) {
    var copy = bar.querySelector("[data-copy-link]");
    if (copy) {
      copy.addEventListener("click", function (event) {
        event.preventDefault();
        var url = copy.getAttribute("data-copy-link");
        var ok = function () { announce(bar, "Lien copié dans le presse-papiers."); };
        var fallback = function () {
          if (copyWithSelection(url)) ok();
          else window.prompt("Copiez ce lien :", url);
        };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(url).then(ok, fallback);
        } else {
          fallback();
        }
      });
    }

    var native = bar.querySelector(".share-link--native");
    if (native && navigator.share) {
      native.parentElement.hidden = false;
      native.addEventListener("click", function () {
        navigator.share({
          title: native.getAttribute("data-share-title"),
          url: native.getAttribute("data-share-url"),
        }).catch(function () { /* the reader closed the sheet */ });
      });
    }
  });
})();
