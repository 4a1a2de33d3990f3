// The console's progressive enhancements (no page needs them to work):
// - a generated password is removed from the page after its data-seconds (ADR 0271); without
//   JavaScript the page's <noscript><meta http-equiv="refresh"> leaves it for the list instead;
// - a "Copy" button beside each copyable value.
"use strict";
(function () {
  var secret = document.getElementById("new-password");
  if (secret) {
    var seconds = parseInt(secret.getAttribute("data-seconds"), 10) || 30;
    var countdown = document.getElementById("password-countdown");
    var left = seconds;
    var ticker = setInterval(function () {
      left = Math.max(left - 1, 0);
      if (countdown) {
        countdown.textContent = String(left);
      }
    }, 1000);
    setTimeout(function () {
      clearInterval(ticker);
      var gone = document.createElement("p");
      gone.className = "notice";
      gone.id = "password-removed";
      gone.setAttribute("role", "status");
      gone.textContent = "The password was removed from this page.";
      secret.replaceWith(gone);
    }, seconds * 1000);
  }
  if (!navigator.clipboard) {
    return;
  }
  var values = document.querySelectorAll("code.copy, pre.copy");
  for (var i = 0; i < values.length; i++) {
    (function (value) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy-button";
      button.textContent = "Copy";
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(value.textContent).then(function () {
          button.textContent = "Copied";
        });
      });
      value.insertAdjacentElement("afterend", button);
    })(values[i]);
  }
})();
