// Comment form: remember the commenter in this browser, reply in place, post without
// reloading. Without this script the form posts normally and the server answers.
(function () {
  "use strict";

  var section = document.getElementById("commentaires");
  var form = section && section.querySelector(".comment-form__form");
  if (!form) return;
  var box = document.getElementById("laisser-un-commentaire");
  var home = box.parentNode;
  var homeNext = box.nextSibling;
  var status = section.querySelector(".comments__status");
  var replying = box.querySelector(".comment-form__replying");
  var STORE = "manchette.commenter";

  function field(name) { return form.elements.namedItem(name); }

  // A page from the cache is the same for every reader: the CSRF token and the signed
  // form time come from a small request, made once the reader starts to write.
  var tokenRequest = null;
  function formToken() {
    if (field("csrfmiddlewaretoken").value && field("timestamp").value) {
      return Promise.resolve();
    }
    if (!tokenRequest) {
      tokenRequest = fetch(form.getAttribute("data-token-url"), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      }).then(function (response) {
        if (!response.ok) throw new Error("token");
        return response.json();
      }).then(function (data) {
        field("csrfmiddlewaretoken").value = data.csrf;
        field("timestamp").value = data.timestamp;
      }).catch(function (error) {
        tokenRequest = null; // try again on the next attempt
        throw error;
      });
    }
    return tokenRequest;
  }
  if (window.fetch) {
    form.addEventListener("focusin", function () { formToken().catch(function () {}); });
  }

  // Name, e-mail and site stay in this browser only (localStorage), never in a cookie
  // the server could cache into a page.
  try {
    var saved = JSON.parse(window.localStorage.getItem(STORE) || "null");
    if (saved) {
      ["name", "email", "website"].forEach(function (key) {
        if (saved[key] && !field(key).value) field(key).value = saved[key];
      });
      field("remember").checked = true;
    }
  } catch (e) { /* storage disabled: nothing to restore */ }

  function remember() {
    try {
      if (field("remember").checked) {
        window.localStorage.setItem(STORE, JSON.stringify({
          name: field("name").value, email: field("email").value, website: field("website").value,
        }));
      } else {
        window.localStorage.removeItem(STORE);
      }
    } catch (e) { /* storage disabled */ }
  }

  var replyLink = null;
  function replyTo(link) {
    replyLink = link;
    var comment = document.getElementById("commentaire-" + link.getAttribute("data-reply-to"));
    field("parent").value = link.getAttribute("data-reply-to");
    replying.querySelector("[data-reply-name]").textContent = link.getAttribute("data-reply-name");
    replying.hidden = false;
    comment.querySelector(".comment__body").after(box);
    field("text").focus();
  }

  function cancelReply() {
    field("parent").value = "";
    replying.hidden = true;
    home.insertBefore(box, homeNext);
  }

  section.addEventListener("click", function (event) {
    var link = event.target.closest("[data-reply-to]");
    if (link) { event.preventDefault(); replyTo(link); return; }
    if (event.target.closest("[data-reply-cancel]")) {
      event.preventDefault();
      cancelReply();
      // The cancel link has just been hidden: a keyboard user goes back where they were.
      if (replyLink) replyLink.focus();
    }
  });

  function clearErrors() {
    form.querySelectorAll(".field__error, .form__errors").forEach(function (node) { node.remove(); });
    form.querySelectorAll("[aria-invalid]").forEach(function (input) {
      input.removeAttribute("aria-invalid");
      input.removeAttribute("aria-describedby");
      input.closest(".field").classList.remove("field--error");
    });
  }

  function showErrors(data) {
    var summary = document.createElement("div");
    summary.className = "form__errors";
    summary.setAttribute("role", "alert");
    summary.tabIndex = -1;
    var text = document.createElement("p");
    text.textContent = data.message;
    summary.appendChild(text);
    form.querySelector(".comment-form__note").after(summary);
    Object.keys(data.errors || {}).forEach(function (name) {
      var input = field(name);
      if (!input || name === "__all__" || input.type === "hidden") return;
      var error = document.createElement("span");
      error.className = "field__error";
      error.id = input.id + "-erreur";
      error.textContent = data.errors[name].join(" ");
      input.after(error);
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", error.id);
      input.closest(".field").classList.add("field--error");
    });
    var first = form.querySelector("[aria-invalid]");
    (first || summary).focus();
  }

  form.addEventListener("submit", function (event) {
    if (!window.fetch) return;
    event.preventDefault();
    remember();
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    formToken().then(function () {
      return fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
    }).then(function (response) {
      return response.json().catch(function () {
        return { ok: false, message: "Le commentaire n’a pas pu être envoyé. Réessayez dans un instant." };
      });
    }).then(function (data) {
      button.disabled = false;
      clearErrors();
      if (data.timestamp) field("timestamp").value = data.timestamp;
      if (!data.ok) { showErrors(data); return; }
      var holder = document.createElement("ol");
      holder.innerHTML = data.html;
      var item = holder.firstElementChild;
      var parent = data.parent && document.getElementById("commentaire-" + data.parent);
      var list;
      if (parent) {
        list = parent.querySelector(":scope > .comment-list--replies");
        if (!list) {
          list = document.createElement("ol");
          list.className = "comment-list comment-list--replies";
          parent.appendChild(list);
        }
      } else {
        list = section.querySelector(":scope > .comment-list:not(.comment-list--pending)");
        if (!list) {
          list = document.createElement("ol");
          list.className = "comment-list";
          status.after(list);
          var empty = section.querySelector(".comments__empty");
          if (empty) empty.remove();
        }
      }
      list.appendChild(item);
      field("text").value = "";
      cancelReply();
      status.innerHTML = "";
      var notice = document.createElement("p");
      notice.className = "comment-notice";
      notice.textContent = data.message;
      status.appendChild(notice);
      status.focus();
    }).catch(function () {
      button.disabled = false;
      clearErrors();
      showErrors({ message: "Le commentaire n’a pas pu être envoyé : vérifiez votre connexion et réessayez." });
    });
  });
})();
