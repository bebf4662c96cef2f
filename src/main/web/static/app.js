// whitelist-gen serve: the page works without this file. It adds a copy button to every <pre data-copy>, and a live
// preview on the generate page (the same request the "Show the files" button sends, its results swapped in).
(function () {
  "use strict";

  function addCopyButtons(root) {
    root.querySelectorAll("pre[data-copy]").forEach(function (pre) {
      if (!navigator.clipboard || pre.previousElementSibling && pre.previousElementSibling.classList.contains("copy")) {
        return;
      }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy";
      var label = pre.getAttribute("aria-labelledby");
      var name = label && document.getElementById(label) ? document.getElementById(label).textContent : "this";
      button.textContent = "Copy";
      button.setAttribute("aria-label", "Copy " + name);
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(pre.textContent).then(function () {
          button.textContent = "Copied";
          setTimeout(function () { button.textContent = "Copy"; }, 1500);
        }, function () {
          button.textContent = "Copy failed: select the text";
        });
      });
      pre.parentNode.insertBefore(button, pre);
    });
  }

  function livePreview(form) {
    var pending = null;
    function refresh() {
      var query = new URLSearchParams(new FormData(form)).toString();
      var url = form.getAttribute("action") + "?" + query;
      if (pending) {
        pending.abort();
      }
      pending = new AbortController();
      fetch(url, { headers: { "Accept": "text/html" }, signal: pending.signal })
        .then(function (response) { return response.text(); })
        .then(function (html) {
          var page = new DOMParser().parseFromString(html, "text/html");
          ["results", "err-general"].concat(Array.prototype.map.call(form.querySelectorAll(".errors"), function (e) { return e.id; }))
            .forEach(function (id) {
              var now = document.getElementById(id);
              var next = page.getElementById(id);
              if (now && next) {
                now.replaceWith(document.importNode(next, true));
              }
            });
          form.querySelectorAll("[aria-invalid]").forEach(function (field) { field.removeAttribute("aria-invalid"); });
          page.querySelectorAll("[aria-invalid]").forEach(function (field) {
            var mine = document.getElementById(field.id);
            if (mine) {
              mine.setAttribute("aria-invalid", "true");
            }
          });
          addCopyButtons(document);
          history.replaceState(null, "", url);
        })
        .catch(function () { /* aborted by a newer change, or offline: the buttons still work */ });
    }
    form.addEventListener("change", refresh);
  }

  document.addEventListener("DOMContentLoaded", function () {
    addCopyButtons(document);
    var form = document.getElementById("generate");
    if (form) {
      livePreview(form);
    }
  });
})();
