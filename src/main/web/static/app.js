// whitelist-gen serve: the page works without this file. It adds a copy button to every <pre data-copy>, a live
// preview on the generate page (the same request the "Show the files" button sends, its results swapped in), the
// MX lookup in place, and moves the focus to the error summary after a failed submit.
(function () {
  "use strict";

  function parse(html) {
    return new DOMParser().parseFromString(html, "text/html");
  }

  /** Puts the element of the same id from a fetched page in place of the shown one. */
  function swap(page, id) {
    var now = document.getElementById(id);
    var next = page.getElementById(id);
    if (now && next) {
      now.replaceWith(document.importNode(next, true));
    }
  }

  /** Where navigator.clipboard is missing (plain HTTP on an address other than loopback), select the text instead. */
  function copy(pre, button) {
    function done(label) {
      button.textContent = label;
      setTimeout(function () { button.textContent = "Copy"; }, 4000);
    }
    function select() {
      var range = document.createRange();
      range.selectNodeContents(pre);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      done("Selected: press Ctrl+C");
    }
    if (!navigator.clipboard || !navigator.clipboard.writeText) {
      select();
      return;
    }
    navigator.clipboard.writeText(pre.textContent).then(function () { done("Copied"); }, select);
  }

  function addCopyButtons(root) {
    root.querySelectorAll("pre[data-copy]").forEach(function (pre) {
      if (pre.previousElementSibling && pre.previousElementSibling.classList.contains("copy")) {
        return;
      }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy";
      var label = pre.getAttribute("aria-labelledby");
      var name = label && document.getElementById(label) ? document.getElementById(label).textContent
        : pre.getAttribute("aria-label") || "this";
      button.textContent = "Copy";
      button.setAttribute("aria-label", "Copy " + name);
      button.addEventListener("click", function () { copy(pre, button); });
      pre.parentNode.insertBefore(button, pre);
    });
  }

  /** The fields marked invalid in a fetched page, within one form. */
  function markInvalid(form, page) {
    form.querySelectorAll("[aria-invalid]").forEach(function (field) { field.removeAttribute("aria-invalid"); });
    page.querySelectorAll("[aria-invalid]").forEach(function (field) {
      var mine = document.getElementById(field.id);
      if (mine && form.contains(mine)) {
        mine.setAttribute("aria-invalid", "true");
      }
    });
  }

  function livePreview(form) {
    var pending = null;
    var timer = null;
    var shown = null;
    function refresh() {
      var query = new URLSearchParams(new FormData(form)).toString();
      if (query === shown) {
        return;
      }
      shown = query;
      var url = form.getAttribute("action") + "?" + query;
      if (pending) {
        pending.abort();
      }
      pending = new AbortController();
      fetch(url, { headers: { "Accept": "text/html" }, signal: pending.signal })
        .then(function (response) { return response.text(); })
        .then(function (html) {
          var page = parse(html);
          swap(page, "results");
          form.querySelectorAll(".errors").forEach(function (errors) { swap(page, errors.id); });
          // a summary shown after a submit follows the fixes; typing never brings one up
          var summary = document.getElementById("error-summary");
          if (summary && !summary.hidden) {
            swap(page, "error-summary");
          }
          markInvalid(form, page);
          addCopyButtons(document);
          history.replaceState(null, "", url);
        })
        .catch(function () { shown = null; /* aborted by a newer change, or offline: the buttons still work */ });
    }
    function soon(delay) {
      clearTimeout(timer);
      timer = setTimeout(refresh, delay);
    }
    // while typing: once the typing pauses; a tick, a choice or leaving a field: at once
    form.addEventListener("input", function () { soon(350); });
    form.addEventListener("change", function () { soon(0); });
  }

  /** "Behind a gateway" as a lookup answered it: the gateway it names, or none; the live preview follows. */
  function setBehind(generate, gateway) {
    var behind = document.getElementById("behind");
    if (!behind || !generate || behind.value === gateway) {
      return;
    }
    behind.value = gateway;
    generate.dispatchEvent(new Event("change"));
  }

  /** "Which mail system does the customer have?" answered in place; its link ticks the targets it names. */
  function mxLookup(mxForm, generate) {
    var button = document.getElementById("mx-lookup");
    mxForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var url = mxForm.getAttribute("action") + "?" + new URLSearchParams(new FormData(mxForm)).toString();
      button.disabled = true;
      button.textContent = "Looking up…";
      fetch(url, { headers: { "Accept": "text/html" } })
        .then(function (response) { return response.text(); })
        .then(function (html) {
          var page = parse(html);
          swap(page, "mx-result");
          swap(page, "err-domain");
          markInvalid(mxForm, page);
          // an answer (not an error) fills in "Behind a gateway", as the page without JavaScript does
          if (document.querySelector("#mx-result .mx-summary")) {
            var named = document.getElementById("mx-behind");
            setBehind(generate, named ? named.getAttribute("data-behind") : "");
          }
        })
        .catch(function () { /* offline: nothing changes */ })
        .then(function () {
          button.disabled = false;
          button.textContent = "Look up";
        });
    });
    document.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("#mx-select") : null;
      if (!link || !generate) {
        return;
      }
      event.preventDefault();
      var wanted = link.getAttribute("data-targets").split(" ");
      var first = null;
      generate.querySelectorAll("input[name='target']").forEach(function (box) {
        box.checked = wanted.indexOf(box.value) >= 0;
        if (box.checked && !first) {
          first = box;
        }
      });
      var behind = document.getElementById("behind");
      if (behind && link.hasAttribute("data-behind")) {
        behind.value = link.getAttribute("data-behind");
      }
      if (first) {
        first.focus();
      }
      generate.dispatchEvent(new Event("change"));
    });
  }

  /** A link of the error summary moves the focus to its field (a fieldset: its first box), not only the view. */
  function errorSummary() {
    document.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("#error-summary a[href^='#']") : null;
      var target = link ? document.getElementById(link.getAttribute("href").slice(1)) : null;
      if (!target) {
        return;
      }
      var field = target.matches("input, select, textarea") ? target : target.querySelector("input, select, textarea");
      if (!field) {
        return;
      }
      event.preventDefault();
      (field.closest(".field") || field.closest("fieldset") || field).scrollIntoView();
      field.focus({ preventScroll: true });
    });
    var summary = document.getElementById("error-summary");
    if (summary && !summary.hidden) {
      summary.focus();
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    addCopyButtons(document);
    errorSummary();
    var form = document.getElementById("generate");
    if (form) {
      livePreview(form);
    }
    var mx = document.getElementById("mx");
    if (mx) {
      mxLookup(mx, form);
    }
  });
})();
