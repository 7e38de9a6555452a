// 区长信箱: the anonymous option hides the name field; the receipt offers a print button.
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }
  ready(function () {
    var anonymous = document.getElementById("id_anonymous");
    var named = document.querySelector("[data-named]");
    if (anonymous && named) {
      var sync = function () {
        named.classList.toggle("mb-named-off", anonymous.checked);
        var input = named.querySelector("input");
        if (input) input.disabled = anonymous.checked;
      };
      anonymous.addEventListener("change", sync);
      sync();
    }
    var errors = document.getElementById("form-errors");
    if (errors) errors.focus();
    var print = document.querySelector("[data-print]");
    if (print && window.print) {
      print.hidden = false;
      print.addEventListener("click", function () { window.print(); });
    }
  });
})();
