/* 依申请公开: show only the applicant block that applies, and bring errors into view.
 * Without JavaScript both blocks stay visible and the server reads only the chosen one.
 * No inline handlers: wired here from data attributes. */
(function () {
  "use strict";

  function chosenType() {
    var checked = document.querySelector("[data-applicant-switch] input[type=radio]:checked");
    return checked ? checked.value : "natural";
  }

  function showApplicantBlock() {
    var type = chosenType();
    document.querySelectorAll("[data-applicant]").forEach(function (block) {
      block.hidden = block.getAttribute("data-applicant") !== type;
    });
  }

  var switcher = document.querySelector("[data-applicant-switch]");
  if (switcher) {
    switcher.addEventListener("change", showApplicantBlock);
    showApplicantBlock();
  }

  // A file over the limit is refused here, before the whole form travels to the server with it.
  document.querySelectorAll("input[type=file][data-max-bytes]").forEach(function (input) {
    var note = document.createElement("p");
    note.className = "field-error";
    note.setAttribute("aria-live", "polite");
    note.hidden = true;
    input.insertAdjacentElement("afterend", note);
    input.addEventListener("change", function () {
      var max = parseInt(input.getAttribute("data-max-bytes"), 10);
      var file = input.files && input.files[0];
      note.hidden = true;
      if (file && file.size > max) {
        note.textContent = "所选文件过大（" + (file.size / 1048576).toFixed(1) + " MB），不能超过 " +
          Math.round(max / 1048576) + " MB，请压缩后重新选择。";
        note.hidden = false;
        input.value = "";
      }
    });
  });

  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
})();
