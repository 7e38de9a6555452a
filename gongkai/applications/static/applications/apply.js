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

  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
})();
