// Progressive enhancement only: every page works without this file.
(() => {
  "use strict";

  // Spouse questions show only on a married return, the details only when the spouse is
  // included; the server ignores them otherwise (planner/forms.py HouseholdForm).
  function showSpouseQuestions() {
    const status = document.querySelector('select[name="filing_status"]');
    const included = document.querySelector('input[name="has_spouse"]');
    if (!status || !included) return;
    const married = status.value.startsWith("married");
    document.querySelectorAll(".spouse-question").forEach((el) => { el.hidden = !married; });
    document.querySelectorAll(".spouse-details").forEach((el) => {
      el.hidden = !(married && included.checked);
    });
  }

  function start() {
    showSpouseQuestions();
    document.addEventListener("change", (event) => {
      const name = event.target && event.target.name;
      if (name === "filing_status" || name === "has_spouse") showSpouseQuestions();
    });
    // After a failed submit, keyboard and screen-reader users start at the error summary.
    const summary = document.getElementById("error-summary");
    if (summary && document.activeElement !== summary) summary.focus();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
