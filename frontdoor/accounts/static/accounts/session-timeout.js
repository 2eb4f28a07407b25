/* The GOV.UK timeout warning for Front Door (after HMRC's hmrc-timeout-dialog pattern).
 *
 * The server ends idle sessions whatever happens here (accounts/sessions.py); this only warns in time.
 * Markup and settings come from {% session_timeout_dialog %} (data- attributes on the <dialog>), so no
 * inline script is needed. Without JavaScript the dialog never opens and nothing else changes.
 *
 * - Before the warning is due it asks the server how long is left (GET, not counted as activity), so
 *   work in another tab keeps this one quiet.
 * - The dialog is modal (showModal: the page behind is inert), focus moves to it, Escape means
 *   "Stay signed in", and the countdown is announced politely at intervals, not every second.
 * - "Stay signed in" POSTs to the keep-alive endpoint, which restarts the idle clock.
 * - When the time is up the browser goes to the sign-in page, which says why.
 */
(function () {
  "use strict";

  var dialog = document.getElementById("fd-session-timeout");
  if (!dialog || typeof dialog.showModal !== "function" || !window.fetch) {
    return;
  }
  var cfg = dialog.dataset;
  var idleSeconds = parseInt(cfg.idleSeconds, 10);
  var absoluteRemaining = parseInt(cfg.absoluteRemaining, 10);
  var warningSeconds = parseInt(cfg.warningSeconds, 10);
  var stayForm = dialog.querySelector(".fd-timeout__stay");
  var csrfToken = stayForm.querySelector("input[name=csrfmiddlewaretoken]").value;
  var live = dialog.querySelector("[data-fd-timeout-live]");
  var countdowns = dialog.querySelectorAll(".fd-timeout__countdown, .fd-timeout__countdown-text");
  var checkTimer = null;
  var ticker = null;
  var deadline = 0;
  var mode = "idle";
  var lastAnnounced = null;
  var returnFocusTo = null;

  function plural(n, unit) {
    return n + " " + unit + (n === 1 ? "" : "s");
  }

  function words(seconds) {
    var minutes = Math.floor(seconds / 60);
    var rest = seconds % 60;
    var parts = [];
    if (minutes) {
      parts.push(plural(minutes, "minute"));
    }
    if (rest || !minutes) {
      parts.push(plural(rest, "second"));
    }
    return parts.join(" ");
  }

  function secondsLeft() {
    return Math.max(0, Math.round((deadline - Date.now()) / 1000));
  }

  function ask(method, url) {
    var headers = { Accept: "application/json" };
    if (method === "POST") {
      headers["X-CSRFToken"] = csrfToken;
    }
    return fetch(url, { method: method, headers: headers, credentials: "same-origin" }).then(function (response) {
      return response.json();
    });
  }

  function schedule(seconds) {
    window.clearTimeout(checkTimer);
    checkTimer = window.setTimeout(check, Math.max(1, seconds) * 1000);
  }

  function goToSignIn() {
    var here = window.location.pathname + window.location.search;
    window.location.assign(cfg.signInUrl + "?next=" + encodeURIComponent(here));
  }

  function show(kind) {
    mode = kind;
    dialog.querySelectorAll(".fd-timeout__idle").forEach(function (el) {
      el.hidden = kind !== "idle";
    });
    dialog.querySelectorAll(".fd-timeout__absolute").forEach(function (el) {
      el.hidden = kind !== "absolute";
    });
  }

  function tick() {
    var left = secondsLeft();
    var text = words(left);
    countdowns.forEach(function (el) {
      el.textContent = text;
    });
    var step = left > 60 ? 60 : 15;
    if (left > 0 && left % step === 0 && left !== lastAnnounced) {
      lastAnnounced = left;
      live.textContent = "We will sign you out in " + text + ".";
    }
    if (left <= 0) {
      window.clearInterval(ticker);
      check();
    }
  }

  function open(left, kind) {
    deadline = Date.now() + left * 1000;
    show(kind);
    lastAnnounced = left;
    tick();
    if (!dialog.open) {
      returnFocusTo = document.activeElement;
      dialog.showModal();
      dialog.focus();
    }
    window.clearInterval(ticker);
    ticker = window.setInterval(tick, 1000);
  }

  function close() {
    window.clearInterval(ticker);
    live.textContent = "";
    if (dialog.open) {
      dialog.close();
      if (returnFocusTo && typeof returnFocusTo.focus === "function") {
        returnFocusTo.focus();
      }
    }
  }

  function check() {
    ask("GET", cfg.statusUrl)
      .then(function (status) {
        if (!status.signed_in) {
          goToSignIn();
          return;
        }
        var left = Math.min(status.idle_remaining, status.absolute_remaining);
        var kind = status.absolute_remaining <= status.idle_remaining ? "absolute" : "idle";
        if (left > warningSeconds) {
          close();
          schedule(left - warningSeconds);
        } else if (left <= 0) {
          schedule(1);
        } else {
          open(left, kind);
          window.clearTimeout(checkTimer);
        }
      })
      .catch(function () {
        schedule(30);
      });
  }

  function stay() {
    ask("POST", cfg.keepAliveUrl)
      .then(function (status) {
        if (!status.signed_in) {
          goToSignIn();
          return;
        }
        close();
        schedule(Math.min(status.idle_remaining, status.absolute_remaining) - warningSeconds);
      })
      .catch(function () {
        stayForm.submit();
      });
  }

  stayForm.addEventListener("submit", function (event) {
    event.preventDefault();
    stay();
  });
  dialog.querySelector("[data-fd-timeout-close]").addEventListener("click", function () {
    var left = secondsLeft();
    close();
    schedule(left);
  });
  dialog.addEventListener("cancel", function (event) {
    // Escape: for the idle warning, the same as "Stay signed in"; for the absolute limit, "Continue".
    event.preventDefault();
    if (mode === "idle") {
      stay();
    } else {
      var left = secondsLeft();
      close();
      schedule(left);
    }
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") {
      check();
    }
  });

  schedule(Math.min(idleSeconds, absoluteRemaining) - warningSeconds);
})();
